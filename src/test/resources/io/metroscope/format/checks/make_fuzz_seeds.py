#!/usr/bin/python3
"""Makes the pickle seeds of SafeUnpicklerFuzzTest (run once by hand from this folder; not run by the tests).

Mesh, .npy, .npz and .pt seeds are copies of the fixtures beside this folder or written by hand.
"""
import io
import os
import pickle
import sys
import types
import zipfile

import numpy as np
import scipy.sparse as sp

here = os.path.dirname(os.path.abspath(__file__))
inputs = os.path.join(here, "..", "SafeUnpicklerFuzzTestInputs")


def put(method, name, data):
    d = os.path.join(inputs, method)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# Torch: the data.pkl of the zip fixtures and the first pickles of the legacy one.
for fixture in ("tensors_zip.pt", "wrapped_module_zip.pt"):
    with zipfile.ZipFile(os.path.join(here, "..", fixture)) as z:
        name = next(n for n in z.namelist() if n.endswith("/data.pkl"))
        put("torchCheckpoint", fixture.replace(".pt", ".pkl"), z.read(name))
put("torchCheckpoint", "ordered_dict_p2.pkl", b"\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01.")

# NumPy object arrays: small protocol 2 and 3 pickles of arrays and sparse matrices.
dense = np.array([[0.0, 2.0], [1.0, 0.0]])
for proto in (2, 3):
    put("numpyObjectArray", f"csr_p{proto}.pkl", pickle.dumps(sp.csr_matrix(dense), protocol=proto))
    put("numpyObjectArray", f"array_p{proto}.pkl", pickle.dumps(np.arange(4, dtype="<i8"), protocol=proto))
put("numpyObjectArray", "set_p2.pkl", pickle.dumps({"s": {1, 2}, "f": frozenset([3])}, protocol=2))

# SMPL/MANO: a dict with arrays, a sparse matrix and a chumpy Ch, as Python 2 era files hold.
chumpy = types.ModuleType("chumpy")
ch = types.ModuleType("chumpy.ch")


class Ch(object):
    def __reduce__(self):
        return (copyreg_reconstructor, (Ch, object, None), {"x": np.ones(3)})


import copyreg
copyreg_reconstructor = copyreg._reconstructor
Ch.__module__ = "chumpy.ch"
ch.Ch = Ch
sys.modules["chumpy"] = chumpy
sys.modules["chumpy.ch"] = ch
model = {"f": np.array([[0, 1, 2]], dtype=np.uint32), "J_regressor": sp.csc_matrix(dense),
         "shapedirs": Ch(), "kintree_table": np.array([[0, 0], [1, 2]], dtype=np.int64)}
put("smplModel", "smpl_like_p2.pkl", pickle.dumps(model, protocol=2))
put("smplModel", "smpl_like_p0.pkl", pickle.dumps({"v": np.zeros((2, 3))}, protocol=0))
