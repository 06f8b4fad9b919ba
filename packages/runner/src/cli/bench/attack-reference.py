#!/usr/bin/python3
"""Reference for `vpixmix bench attack`: the PixMix reference's PGD (cifar.py, class PGD:
L-inf, cross-entropy summed, torch.autograd.grad on the input only, sign steps, clamp to
the ball and to [0, 1]) on the pre-activation Wide ResNet of ../shared/bench/torch_wrn_bench.py,
model in eval mode, PyTorch CPU.
Usage: attack-reference.py WRN_PY DEPTH WIDEN BATCH STEPS BATCHES. Prints images/s."""
import importlib.util, os, statistics, sys, time
import torch, torch.nn.functional as F

wrn_py, depth, widen, batch, steps, batches = sys.argv[1], *(int(a) for a in sys.argv[2:7])
spec = importlib.util.spec_from_file_location('torch_wrn_bench', wrn_py)
wrn = importlib.util.module_from_spec(spec)
spec.loader.exec_module(wrn)

torch.manual_seed(0)
torch.set_num_threads(int(os.environ.get('THREADS', '2')))
model = wrn.WRN(depth, widen).eval()
eps, step_size = 2 / 255, 0.5 / 255

def pgd(clean, labels, num_steps):
    # Projection around the clean input (the reference's in-place start is not copied: same cost).
    adv = (clean + torch.empty_like(clean).uniform_(-eps, eps)).clamp(0, 1)
    for _ in range(num_steps):
        adv.requires_grad_()
        with torch.enable_grad():
            loss = F.cross_entropy(model(adv * 2 - 1), labels, reduction='sum')
        grad = torch.autograd.grad(loss, adv, only_inputs=True)[0]
        adv = adv.detach() + step_size * torch.sign(grad.detach())
        adv = torch.min(torch.max(adv, clean - eps), clean + eps).clamp(0, 1)
    return adv

x = torch.rand(batch, 3, 32, 32)
y = torch.randint(0, 10, (batch,))
pgd(x, y, 1)  # warm-up
times = []
for _ in range(batches):
    t0 = time.perf_counter()
    pgd(x, y, steps)
    times.append(time.perf_counter() - t0)
print(f"{batch / statistics.median(times):.3f} images/s (torch {torch.__version__}, threads {torch.get_num_threads()}, "
      f"median of {batches} batches of {batch})")
