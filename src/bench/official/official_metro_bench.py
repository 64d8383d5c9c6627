#!/usr/bin/python3
# Metroscope benchmark helper: times the OFFICIAL MeshTransformer (METRO) networks on the CPU, full size, for a
# back-to-back comparison with `metroscope bench`. Runs with Debian's python3-torch (1.13.1):
#
#   /usr/bin/python3 src/bench/official/official_metro_bench.py --mt /tmp/mt --threads 2 [--checkpoint BODY.bin]
#
# --mt is a checkout of microsoft/MeshTransformer (only the `metro` package is needed; never commit it here).
# Its pytorch_transformers submodule is not available offline: pytorch_transformers_shim.py (next to this file,
# our own faithful re-implementation of the BERT 1.x classes METRO uses) is installed under the submodule's
# three file names. Everything else -- METRO_Body_Network / METRO_Hand_Network, METRO, METRO_Encoder, both HRNet
# variants -- is the official code, unmodified. With `--device cpu` (the default) its CUDA calls (`.cuda()`) are
# redirected to the CPU; with `--device cuda` they run as written and every timing waits for the GPU. The SMPL/MANO
# layers and the mesh sampler (license-gated data) are replaced by stubs returning fixed random templates of the
# right shapes: the official forward recomputes the template every call, so the stubs make the official
# numbers slightly FASTER than the real thing (conservative for ratios).
import argparse
import json
import os
import shutil
import statistics
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def install_shim(mt):
    target = os.path.join(mt, 'transformers', 'pytorch_transformers')
    os.makedirs(target, exist_ok=True)
    for name in ('modeling_bert.py', 'modeling_utils.py', 'file_utils.py'):
        shutil.copyfile(os.path.join(HERE, 'pytorch_transformers_shim.py'), os.path.join(target, name))
    sys.path.insert(0, mt)


def stage(n_modules, n_branches, block, blocks, channels):
    return {'NUM_MODULES': n_modules, 'NUM_BRANCHES': n_branches, 'BLOCK': block, 'NUM_BLOCKS': blocks,
            'NUM_CHANNELS': channels, 'FUSE_METHOD': 'SUM'}


# MODEL.EXTRA of cls_hrnet_w64_sgd_lr5e-2_wd1e-4_bs32_x100.yaml (METRO.md §9.1)
HRNET_W64 = {'MODEL': {'EXTRA': {
    'STAGE1': stage(1, 1, 'BOTTLENECK', [4], [64]),
    'STAGE2': stage(1, 2, 'BASIC', [4, 4], [64, 128]),
    'STAGE3': stage(4, 3, 'BASIC', [4, 4, 4], [64, 128, 256]),
    'STAGE4': stage(3, 4, 'BASIC', [4, 4, 4, 4], [64, 128, 256, 512])}}}


class Args:
    device = 'cpu'


def sync():
    if Args.device != 'cpu':
        torch.cuda.synchronize()


class StubSmpl:
    """Stands in for metro.modeling._smpl.SMPL (needs the licensed SMPL file): fixed random template."""

    def __init__(self):
        g = torch.Generator().manual_seed(0)
        self.v = (torch.randn(1, 6890, 3, generator=g) * 0.3).to(Args.device)
        self.jreg = (torch.rand(17, 6890, generator=g) / 6890).to(Args.device)

    def __call__(self, pose, betas):
        return self.v

    def get_h36m_joints(self, vertices):
        return torch.matmul(self.jreg, vertices)


class StubMano:
    """Stands in for metro.modeling._mano.MANO (needs the licensed MANO file)."""

    def __init__(self):
        g = torch.Generator().manual_seed(1)
        v = (torch.randn(1, 778, 3, generator=g) * 50).to(Args.device)
        j = (torch.randn(1, 21, 3, generator=g) * 50).to(Args.device)
        self.layer = lambda pose, betas: (v, j)


class StubSampler:
    """Stands in for metro.modeling._smpl.Mesh: downsampling is a selection (METRO.md §7)."""

    def __init__(self, sizes):
        self.sizes = sizes

    def downsample(self, x, n1=0, n2=None):
        n = self.sizes[n2 if n2 is not None else n1 + 1]
        idx = torch.linspace(0, x.shape[1] - 1, n).long()
        return x[:, idx]


def build(kind):
    from metro.modeling.bert import BertConfig, METRO, METRO_Body_Network, METRO_Hand_Network
    if kind == 'body':
        from metro.modeling.hrnet.hrnet_cls_net_featmaps import get_cls_net
        hidden, ffn = [1024, 256, 128], [3072, 3072, 3072]
    else:
        from metro.modeling.hrnet.hrnet_cls_net import get_cls_net
        hidden = [1024, 256, 64]
        ffn = [4 * h for h in hidden]
    input_dim = [2051, 512, 128]
    output_dim = input_dim[1:] + [3]
    blocks = []
    for i in range(3):
        config = BertConfig.from_pretrained(os.path.join(os.path.dirname(sys.modules['metro'].__file__),
                                                         'modeling', 'bert', 'bert-base-uncased'))
        config.output_attentions = False
        config.hidden_dropout_prob = 0.1
        config.img_feature_dim = input_dim[i]
        config.output_feature_dim = output_dim[i]
        config.num_hidden_layers = 4
        config.hidden_size = hidden[i]
        config.num_attention_heads = 4
        config.intermediate_size = ffn[i]
        blocks.append(METRO(config=config))
    backbone = get_cls_net(HRNET_W64, pretrained='')
    trans_encoder = torch.nn.Sequential(*blocks)
    if kind == 'body':
        net = METRO_Body_Network(Args(), config, backbone, trans_encoder, None)
        extra = (StubSmpl(), StubSampler([6890, 1723, 431]))
    else:
        net = METRO_Hand_Network(Args(), config, backbone, trans_encoder)
        extra = (StubMano(), StubSampler([778, 195]))
    return net.to(Args.device).eval(), extra


def timed(fn, warmup, runs):
    for _ in range(warmup):
        fn()
    sync()
    samples = []
    cpu = []
    for _ in range(runs):
        t0 = time.perf_counter()
        c0 = time.process_time()
        fn()
        sync()
        cpu.append((time.process_time() - c0) * 1000)
        samples.append((time.perf_counter() - t0) * 1000)
    s = sorted(samples)
    p90 = s[min(len(s) - 1, int(round(0.9 * (len(s) - 1))))]
    return {'median_ms': statistics.median(s), 'p90_ms': p90, 'samples_ms': samples,
            'cpu_median_ms': statistics.median(cpu), 'cpu_samples_ms': cpu}


def train_cases(net, mesh, sampler, kind, a):
    """Training steps as run_metro_bodymesh.py does them, minus data loading: train mode (BatchNorm batch
    statistics, dropout 0.1), forward, METRO's losses in form (MSE on 3D and 2D joints, L1 on every mesh level, with
    the official weights) against fixed random targets, backward, Adam step (lr 1e-4)."""
    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=1e-4, betas=(0.9, 0.999), weight_decay=0)
    cases = []
    for batch in [int(b) for b in a.batch.split(',')]:
        g = torch.Generator().manual_seed(batch)
        images = torch.randn(batch, 3, 224, 224, generator=g).to(Args.device)
        outputs = net(images, mesh, sampler)
        targets = [(torch.randn(o.shape, generator=g) * 0.1).to(Args.device) for o in outputs]

        def step():
            opt.zero_grad()
            out = net(images, mesh, sampler)
            loss = 0
            for o, t in zip(out, targets):
                if o.dim() == 3 and o.shape[1] > 50:      # vertices: L1, official weight 100 x 1/3 per level
                    loss = loss + 100.0 / 3 * (o - t).abs().mean()
                elif o.dim() == 3:                        # joints: MSE, weight 1000
                    loss = loss + 1000.0 * ((o - t) ** 2).mean()
                else:                                     # camera: used by the 2D loss, weight 100
                    loss = loss + 100.0 * ((o - t) ** 2).mean()
            loss.backward()
            opt.step()

        before = loadavg()
        t = timed(step, 1, a.runs)
        case = {'model': kind, 'batch': batch, 'train_step': t,
                'samples_per_s': batch / (t['median_ms'] / 1000.0),
                'load_before': before, 'load_after': loadavg(), 'rss_mb': rss_mb()}
        cases.append(case)
        print('%s training batch %d: step median %.1f ms (%.3f samples/s), CPU %.1f ms (load %s -> %s)' % (
            kind, batch, t['median_ms'], case['samples_per_s'], t['cpu_median_ms'], before, case['load_after']),
            file=sys.stderr)
    return cases


def loadavg():
    with open('/proc/loadavg') as f:
        return ' '.join(f.read().split()[:3])


def rss_mb():
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024.0
    return -1


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--mt', default='/tmp/mt')
    p.add_argument('--model', default='body,hand')
    p.add_argument('--batch', default='1,8')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--runs', type=int, default=5)
    p.add_argument('--checkpoint', help='body state_dict to load strictly (metroscope bench write-checkpoint)')
    p.add_argument('--hand-checkpoint', help='hand state_dict to load strictly')
    p.add_argument('--json')
    p.add_argument('--no-backbone', action='store_true', help='skip the separate backbone-only timing')
    p.add_argument('--device', default='cpu', choices=['cpu', 'cuda'],
                   help='cuda: run on the first GPU, as the official code does (timings wait for the GPU)')
    p.add_argument('--train', action='store_true',
                   help='time training steps instead (train mode, forward + backward + Adam step, lr 1e-4)')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    Args.device = a.device
    if a.device == 'cpu':
        torch.Tensor.cuda = lambda self, *args, **kwargs: self  # the official code hard-codes .cuda()
    install_shim(a.mt)
    results = {'torch': torch.__version__, 'threads': torch.get_num_threads(), 'device': a.device,
               'gpu': torch.cuda.get_device_name(0) if a.device == 'cuda' else None, 'cases': []}
    for kind in a.model.split(','):
        torch.manual_seed(0)
        net, (mesh, sampler) = build(kind)
        ckpt = a.checkpoint if kind == 'body' else a.hand_checkpoint
        if ckpt:
            # Same random weights as `metroscope bench` (seed 1). The official random init (HRNet conv std 0.001)
            # drives HRNet activations into float denormals, which makes its CPU timing meaningless.
            state = torch.load(ckpt, map_location=Args.device)
            net.load_state_dict(state, strict=True)
            print('loaded %s strictly: %d tensors' % (ckpt, len(state)), file=sys.stderr)
            del state
        if a.train:
            results['cases'] += train_cases(net, mesh, sampler, kind, a)
            del net
            continue
        for batch in [int(b) for b in a.batch.split(',')]:
            images = torch.randn(batch, 3, 224, 224, generator=torch.Generator().manual_seed(batch)).to(Args.device)
            before = loadavg()
            with torch.no_grad():
                full = timed(lambda: net(images, mesh, sampler), a.warmup, a.runs)
                backbone = None if a.no_backbone else timed(lambda: net.backbone(images), a.warmup, a.runs)
            case = {'model': kind, 'batch': batch, 'forward': full, 'backbone': backbone,
                    'transformer_and_heads_ms': None if backbone is None else full['median_ms'] - backbone['median_ms'],
                    'load_before': before, 'load_after': loadavg(), 'rss_mb': rss_mb()}
            results['cases'].append(case)
            print('%s batch %d: forward median %.1f ms p90 %.1f (CPU %.1f ms), backbone %s ms (load %s -> %s)' % (
                kind, batch, full['median_ms'], full['p90_ms'], full['cpu_median_ms'],
                'n/a' if backbone is None else '%.1f' % backbone['median_ms'], before, case['load_after']),
                file=sys.stderr)
        del net
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(results, f, indent=1)
    print(json.dumps(results))


if __name__ == '__main__':
    main()
