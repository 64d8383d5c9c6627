"""Reference numbers for LinearBlendSkinningTest (run once with Debian python3-numpy; output pasted there).

A tiny synthetic SMPL-structured model (nothing from SMPL), defined by the same integer formulas as
LinearBlendSkinningTest.syntheticModel(), posed with an independent NumPy implementation of the
GraphCMR/METRO SMPL forward (quaternion Rodrigues with +1e-8, pose blend from R - I, kinematic chain, LBS).
"""
import numpy as np

V, K, S = 6, 4, 2
PARENTS = [-1, 0, 1, 1]


def model():
    vt = np.array([[((i * 7 + c * 3) % 11 - 5) / 8.0 for c in range(3)] for i in range(V)])
    sd = np.array([[[((i * 5 + c * 2 + b * 3) % 7 - 3) / 64.0 for b in range(S)] for c in range(3)]
                   for i in range(V)])
    P = 9 * (K - 1)
    pd = np.array([[[((i * 3 + c * 5 + q) % 9 - 4) / 256.0 for q in range(P)] for c in range(3)]
                   for i in range(V)])
    jr = np.array([[((i + 2 * j) % 3 + 1) for i in range(V)] for j in range(K)], dtype=float)
    jr = jr / jr.sum(axis=1, keepdims=True)
    w = np.array([[((i + j) % 4 + 1) for j in range(K)] for i in range(V)], dtype=float)
    w = w / w.sum(axis=1, keepdims=True)
    return vt, sd, pd, jr, w


def rodrigues(t):
    angle = np.linalg.norm(t + 1e-8)
    axis = t / angle
    q = np.concatenate([[np.cos(angle / 2)], np.sin(angle / 2) * axis])
    w, x, y, z = q / np.linalg.norm(q)
    return np.array([
        [w * w + x * x - y * y - z * z, 2 * x * y - 2 * w * z, 2 * w * y + 2 * x * z],
        [2 * w * z + 2 * x * y, w * w - x * x + y * y - z * z, 2 * y * z - 2 * w * x],
        [2 * x * z - 2 * w * y, 2 * w * x + 2 * y * z, w * w - x * x - y * y + z * z]])


def forward(pose, betas):
    vt, sd, pd, jr, w = model()
    shaped = vt + sd @ betas
    J = jr @ shaped
    R = [rodrigues(pose[3 * k:3 * k + 3]) for k in range(K)]
    feat = np.concatenate([(R[k] - np.eye(3)).ravel() for k in range(1, K)])
    posed = shaped + pd @ feat
    G = []
    for k in range(K):
        local = np.eye(4)
        local[:3, :3] = R[k]
        local[:3, 3] = J[k] - (J[PARENTS[k]] if k > 0 else 0)
        G.append(local if k == 0 else G[PARENTS[k]] @ local)
    joints = np.array([g[:3, 3] for g in G])
    A = []
    for k in range(K):
        a = G[k].copy()
        a[:3, 3] -= G[k][:3, :3] @ J[k]
        A.append(a)
    A = np.array(A)
    T = np.einsum('vk,kij->vij', w, A)
    verts = np.einsum('vij,vj->vi', T[:, :3, :3], posed) + T[:, :3, 3]
    return verts, joints


if __name__ == '__main__':
    pose = np.array([0.3, -0.2, 0.1, 0.5, 0.0, -0.4, 0.0, 1.1, 0.2, -0.7, 0.25, 0.0])
    betas = np.array([0.7, -1.2])
    v, j = forward(pose, betas)
    np.set_printoptions(precision=17)
    print('VERTICES =', repr(v.ravel().tolist()))
    print('JOINTS =', repr(j.ravel().tolist()))
