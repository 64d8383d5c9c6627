#!/usr/bin/python3
"""Manual cross-check (not run by the tests): does torch.load accept a checkpoint TorchCheckpointWriter wrote?

Usage: /usr/bin/python3 check_written_checkpoint.py FILE.pt [expected.json]
Prints every tensor (dtype, shape, values), checks that the keys keep their order, that the zip's data entries
are 64-byte aligned, and that load_state_dict into a module with the same parameter shapes works. With an
expected.json ({"name": {"dtype": "float32", "shape": [..], "values": [..]}}) it compares values exactly.
"""
import json
import sys
import zipfile

import torch

path = sys.argv[1]
sd = torch.load(path, map_location="cpu")
assert isinstance(sd, dict), type(sd)
print(type(sd).__name__, "with", len(sd), "tensors")
for k, v in sd.items():
    print(f"  {k}: {v.dtype} {tuple(v.shape)} {v.flatten().tolist()[:8]}")

with zipfile.ZipFile(path) as z:
    for info in z.infolist():
        assert info.compress_type == zipfile.ZIP_STORED, info.filename
        with open(path, "rb") as f:
            f.seek(info.header_offset + 26)
            n, m = int.from_bytes(f.read(2), "little"), int.from_bytes(f.read(2), "little")
        start = info.header_offset + 30 + n + m
        assert start % 64 == 0, (info.filename, start)

module = torch.nn.Module()
for k, v in sd.items():
    module.register_buffer("b_" + k.replace(".", "_"), torch.empty_like(v))
module.load_state_dict({"b_" + k.replace(".", "_"): v for k, v in sd.items()})

if len(sys.argv) > 2:
    expected = json.load(open(sys.argv[2]))
    assert list(expected) == list(sd), (list(expected), list(sd))
    for k, e in expected.items():
        t = sd[k]
        assert str(t.dtype) == "torch." + e["dtype"], (k, t.dtype, e["dtype"])
        assert list(t.shape) == e["shape"], (k, t.shape)
        assert t.flatten().tolist() == e["values"], (k, t.flatten().tolist(), e["values"])
print("OK: torch", torch.__version__, "loads", path)
