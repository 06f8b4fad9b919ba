#!/usr/bin/python3
"""PyTorch reference values for @vpixmix/models' parity test (torch-parity.test.ts).

Usage: torch_reference.py OUT.safetensors
       torch_reference.py --pixmix-checkpoint OUT.pth.tar OUT-io.safetensors
Builds the reference models in PyTorch -- the PixMix CIFAR Wide ResNet (as in
/work/shared/bench/torch_wrn_bench.py, renamed to the reference's state_dict names) and a
VideoResNet assembled from torchvision's own r3d blocks -- trains each three SGD steps
exactly as the reference recipe does (Nesterov momentum 0.9, weight decay 5e-4, LambdaLR
cosine to 1e-6), and writes weights, inputs, logits, losses, gradients and the state after
the steps, plus the soft-label cross-entropy and AugMix JSD on fixed logits. Also writes
the state_dict names and shapes of the full wrn-40-4 and r3d_18 as metadata.
"""
import json, math, os, re, struct, sys
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.models.video.resnet as tvr

sys.path.insert(0, os.environ.get('VPIXMIX_BENCH_DIR', os.path.join(os.path.dirname(__file__), '../../../../shared/bench')))
from torch_wrn_bench import WRN  # noqa: E402


def reference_names(model, depth):
    """The bench WRN's state_dict under the names of the reference's WideResNet."""
    n = (depth - 4) // 6
    out = {}
    for key, value in model.state_dict().items():
        if key.endswith('num_batches_tracked'):
            continue
        m = re.match(r'blocks\.(\d+)\.(\w+)\.(\w+)$', key)
        if m:
            b, part, param = int(m.group(1)), m.group(2), m.group(3)
            part = {'bn1': 'bn1', 'c1': 'conv1', 'bn2': 'bn2', 'c2': 'conv2', 'short': 'conv_shortcut'}[part]
            key = f'block{b // n + 1}.layer.{b % n}.{part}.{param}'
        else:
            key = key.replace('conv.', 'conv1.', 1) if key.startswith('conv.') else key
            key = key.replace('bn.', 'bn1.', 1) if key.startswith('bn.') else key
        out[key] = value
    return out


def video_resnet(widths, blocks, num_classes):
    """torchvision's VideoResNet wiring with its BasicBlock / Conv3DSimple / init, at any width."""
    m = tvr.VideoResNet.__new__(tvr.VideoResNet)
    nn.Module.__init__(m)
    m.inplanes = widths[0]
    m.stem = nn.Sequential(
        nn.Conv3d(3, widths[0], kernel_size=(3, 7, 7), stride=(1, 2, 2), padding=(1, 3, 3), bias=False),
        nn.BatchNorm3d(widths[0]), nn.ReLU(inplace=True))
    for i in range(4):
        setattr(m, f'layer{i + 1}', m._make_layer(tvr.BasicBlock, tvr.Conv3DSimple, widths[i], blocks[i], stride=1 if i == 0 else 2))
    m.avgpool = nn.AdaptiveAvgPool3d((1, 1, 1))
    m.fc = nn.Linear(widths[3], num_classes)
    for mod in m.modules():
        if isinstance(mod, nn.Conv3d):
            nn.init.kaiming_normal_(mod.weight, mode='fan_out', nonlinearity='relu')
        elif isinstance(mod, nn.BatchNorm3d):
            nn.init.constant_(mod.weight, 1); nn.init.constant_(mod.bias, 0)
        elif isinstance(mod, nn.Linear):
            nn.init.normal_(mod.weight, 0, 0.01); nn.init.constant_(mod.bias, 0)
    return m


def state(model, rename):
    return {k: v.detach().clone() for k, v in rename(model).items()}


def run_case(tag, model, rename, x, y, steps, lr, out):
    for k, v in state(model, rename).items():
        out[f'{tag}/init/{k}'] = v
    out[f'{tag}/x'] = x
    out[f'{tag}/y'] = y.float()
    opt = torch.optim.SGD(model.parameters(), lr, momentum=0.9, weight_decay=5e-4, nesterov=True)
    # The reference's scheduler: LambdaLR with cosine annealing from 1 to 1e-6 / lr over all steps.
    cosine = lambda step: (1e-6 / lr) + (1 - 1e-6 / lr) * 0.5 * (1 + math.cos(step / steps * math.pi))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda=cosine)
    model.train()
    losses, lrs = [], []
    for step in range(steps):
        lrs.append(opt.param_groups[0]['lr'])
        opt.zero_grad()
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        if step == 0:
            out[f'{tag}/logits_train'] = logits.detach()
            named = dict(model.named_parameters())
            grads = {k: named[k].grad.detach().clone() for k in model.state_dict() if k in named}
            for k, v in rename_grads(grads, rename, model).items():
                out[f'{tag}/grad/{k}'] = v
        losses.append(float(loss))
        opt.step()
        sched.step()
    for k, v in state(model, rename).items():
        out[f'{tag}/after/{k}'] = v
    model.eval()
    with torch.no_grad():
        out[f'{tag}/logits_eval'] = model(x)
    out[f'{tag}/losses'] = torch.tensor(losses)
    out[f'{tag}/lrs'] = torch.tensor(lrs, dtype=torch.float64).float()


def rename_grads(grads, rename, model):
    """Gradients under the same names `rename` gives the state_dict."""
    keys = list(model.state_dict().keys())
    renamed = list(rename(model).keys())
    mapping = dict(zip([k for k in keys if not k.endswith('num_batches_tracked')], renamed))
    return {mapping[k]: v for k, v in grads.items()}


def write_safetensors(path, tensors, metadata):
    header = {'__metadata__': metadata}
    blobs, offset = [], 0
    for name, t in tensors.items():
        arr = np.ascontiguousarray(t.detach().cpu().numpy().astype('<f4'))
        b = arr.tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(arr.shape), 'data_offsets': [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def pixmix_style_checkpoint(pth_path, out_path):
    """A checkpoint as the reference's cifar.py saves it (DataParallel 'module.' names under
    'state_dict'), of a wrn-16-2 in eval mode after a few training-mode passes, plus an
    input and its eval-mode logits."""
    torch.manual_seed(1)
    model = WRN(16, 2, drop=0.3, classes=10)
    model.train()
    with torch.no_grad():
        for _ in range(3):
            model(torch.randn(8, 3, 32, 32) * 2 + 0.5)  # moves the running statistics
    model.eval()
    x = torch.randn(4, 3, 32, 32)
    with torch.no_grad():
        logits = model(x)
    state = {f'module.{k}': v for k, v in reference_names(model, 16).items()}
    state.update({f'module.{k}': v for k, v in model.state_dict().items() if k.endswith('num_batches_tracked')})
    torch.save({'epoch': 0, 'model': 'wrn', 'state_dict': state}, pth_path)
    write_safetensors(out_path, {'x': x, 'logits': logits}, {})


def main():
    if sys.argv[1] == '--pixmix-checkpoint':
        pixmix_style_checkpoint(sys.argv[2], sys.argv[3])
        return
    out_path = sys.argv[1]
    torch.manual_seed(0)
    torch.set_num_threads(1)
    out = {}
    wrn = WRN(10, 2, drop=0.0, classes=5)
    run_case('wrn', wrn, lambda m: reference_names(m, 10), torch.randn(4, 3, 8, 8), torch.tensor([0, 3, 1, 4]), 3, 0.1, out)
    r3d = video_resnet([8, 16, 32, 64], [1, 1, 1, 1], 5)
    plain = lambda m: {k: v for k, v in m.state_dict().items() if not k.endswith('num_batches_tracked')}
    run_case('r3d', r3d, plain, torch.randn(3, 3, 8, 32, 32), torch.tensor([2, 0, 4]), 3, 0.03, out)

    logits = torch.randn(3 * 4, 5) * 3
    soft = torch.softmax(torch.randn(4, 5), dim=1)
    out['loss/logits'] = logits
    out['loss/soft_targets'] = soft
    out['loss/soft_ce'] = F.cross_entropy(logits[:4], soft).reshape(1)
    clean, aug1, aug2 = torch.split(logits, 4)
    p_clean, p_aug1, p_aug2 = F.softmax(clean, dim=1), F.softmax(aug1, dim=1), F.softmax(aug2, dim=1)
    p_mixture = torch.clamp((p_clean + p_aug1 + p_aug2) / 3., 1e-7, 1).log()
    jsd = (F.kl_div(p_mixture, p_clean, reduction='batchmean') + F.kl_div(p_mixture, p_aug1, reduction='batchmean') +
           F.kl_div(p_mixture, p_aug2, reduction='batchmean')) / 3.
    out['loss/jsd'] = jsd.reshape(1)

    shapes = {
        'wrn-40-4': {k: list(v.shape) for k, v in reference_names(WRN(40, 4, classes=10), 40).items()},
        'r3d-18': {k: list(v.shape) for k, v in tvr.r3d_18(num_classes=101).state_dict().items() if not k.endswith('num_batches_tracked')},
    }
    write_safetensors(out_path, out, {'shapes': json.dumps(shapes), 'torch': torch.__version__})


if __name__ == '__main__':
    main()
