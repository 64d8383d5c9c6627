#!/usr/bin/python3
"""Makes the small tensor fixtures for io.metroscope.format tests.

Run from this folder with Debian's python3-torch 1.13.1, python3-numpy and python3-scipy:
    /usr/bin/python3 make_fixtures.py
Python is needed only to regenerate these files; the tests read the committed outputs.
Every value is chosen so that it is exact in every dtype it is stored as.
"""
import collections
import json

import numpy as np
import scipy.sparse as sp
import torch

expected = {"torch": {}, "npy": {}, "sparse": {}}


def describe(t):
    flat = t.contiguous().reshape(-1)
    if t.dtype == torch.bool:
        values = [int(v) for v in flat.tolist()]
    elif t.dtype.is_floating_point:
        values = [float(v) for v in flat.double().tolist()]
    else:
        values = [int(v) for v in flat.tolist()]
    return {
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "stride": list(t.stride()),
        "offset": t.storage_offset(),
        "values": values,
    }


def state_dict():
    sd = collections.OrderedDict()
    # Keys are deliberately not in sorted order, so that a reader that loses order is caught.
    sd["zeta.f32"] = torch.tensor([[1.5, -2.25, 3.0], [4.0, 0.125, -6.5]], dtype=torch.float32)
    sd["alpha.f16"] = torch.tensor([0.5, -1.0, 65504.0, 6.103515625e-05, 5.960464477539063e-08], dtype=torch.float16)
    sd["mid.bf16"] = torch.tensor([1.0, -3.5, 1.0e30, 0.0078125], dtype=torch.bfloat16)
    sd["f64"] = torch.tensor([3.141592653589793, -1e-300, 2.5], dtype=torch.float64)
    sd["i64"] = torch.tensor([9223372036854775807, -9223372036854775808, 42], dtype=torch.int64)
    sd["i32"] = torch.tensor([2147483647, -2147483648, 7], dtype=torch.int32)
    sd["i16"] = torch.tensor([32767, -32768, 5], dtype=torch.int16)
    sd["i8"] = torch.tensor([127, -128, 3], dtype=torch.int8)
    sd["u8"] = torch.tensor([255, 0, 128], dtype=torch.uint8)
    sd["bool"] = torch.tensor([True, False, True, True])
    sd["scalar"] = torch.tensor(2.5)
    sd["empty"] = torch.zeros(0, 3)
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    sd["view.base"] = base
    sd["view.transposed"] = base.t()           # shares storage, strides (1, 6)
    sd["view.tail"] = base[1:]                 # shares storage, offset 6
    sd["view.every_other"] = base[:, 1::2]     # shares storage, offset 1, strides (6, 2)
    sd["num_batches_tracked"] = torch.tensor(17, dtype=torch.int64)
    sd._metadata = collections.OrderedDict([("", {"version": 1})])
    return sd


sd = state_dict()
for k, v in sd.items():
    expected["torch"][k] = describe(v)
expected["torch_keys"] = list(sd.keys())
torch.save(sd, "tensors_zip.pt")
torch.save(sd, "tensors_legacy.pt", _use_new_zipfile_serialization=False)

# A training checkpoint: the state dict is wrapped and saved from nn.DataParallel (module. prefix).
wrapped = collections.OrderedDict()
wrapped["module.layer.weight"] = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
wrapped["module.layer.bias"] = torch.tensor([0.5, -0.5])
torch.save({"epoch": 3, "state_dict": wrapped}, "wrapped_module_zip.pt")
torch.save({"epoch": 3, "model": wrapped}, "wrapped_module_legacy.pt", _use_new_zipfile_serialization=False)

# Valid torch files that are not state dicts.
torch.save([1, 2, 3], "not_state_dict_list.pt")
torch.save({"name": "hello", "size": 3}, "not_state_dict_dict.pt")
# A whole pickled module: needs classes (torch.nn.modules.linear.Linear) that are not allowed.
torch.manual_seed(0)
torch.save(torch.nn.Linear(2, 2), "whole_module.pt")

# NumPy arrays.
rng_values = np.array([[1.5, -2.0, 3.25], [4.0, 5.5, -6.0]])
arrays = {
    "f32_c": rng_values.astype("<f4"),
    "f64_fortran": np.asfortranarray(np.arange(12, dtype="<f8").reshape(3, 4) * 0.5),
    "f32_big": rng_values.astype(">f4"),
    "i64_big": np.array([[1, -2], [3, 9223372036854775807]], dtype=">i8"),
    "i32": np.array([-2147483648, 0, 2147483647], dtype="<i4"),
    "i16": np.array([-32768, 1, 32767], dtype="<i2"),
    "i8": np.array([-128, 1, 127], dtype="i1"),
    "u8": np.array([0, 1, 255], dtype="u1"),
    "u16": np.array([0, 1, 65535], dtype="<u2"),
    "u32": np.array([0, 1, 4294967295], dtype="<u4"),
    "u64": np.array([0, 1, 2**63 - 1], dtype="<u8"),
    "f16": np.array([0.5, -1.0, 65504.0], dtype="<f2"),
    "bool_3d": np.array([[[True, False], [False, True]], [[True, True], [False, False]]]),
    "i32_fortran_3d": np.asfortranarray(np.arange(24, dtype="<i4").reshape(2, 3, 4)),
    "scalar": np.array(7.25, dtype="<f8"),
    "empty": np.zeros((0, 2), dtype="<f4"),
}
for name, a in arrays.items():
    np.save(name + ".npy", a)
    expected["npy"][name] = {
        "descr": a.dtype.str,
        "shape": list(a.shape),
        "fortran": bool(a.flags.f_contiguous and not a.flags.c_contiguous),
        "values": [v.item() if not isinstance(v.item(), bool) else int(v.item()) for v in a.reshape(-1, order="C")],
    }
subset = {k: arrays[k] for k in ("f32_c", "f64_fortran", "i64_big", "bool_3d", "scalar")}
np.savez("arrays_stored.npz", **subset)
np.savez_compressed("arrays_compressed.npz", **subset)

# Sparse matrices in an object array, pickled by NumPy (protocol 3) like mesh_downsampling.npz.
dense = np.array([[0.0, 2.0, 0.0, 0.0], [1.0, 0.0, 0.0, 3.0], [0.0, 0.0, 0.0, 0.0]])
matrices = [sp.csc_matrix(dense), sp.csr_matrix(dense.astype(np.float32)), sp.coo_matrix(dense)]
objects = np.empty(3, dtype=object)
for i, m in enumerate(matrices):
    objects[i] = m
np.savez("sparse_objects.npz", M=objects, plain=np.array([1.0, 2.0]))
expected["sparse"] = {"dense": dense.tolist(), "formats": ["csc", "csr", "coo"]}

with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1, sort_keys=False)
