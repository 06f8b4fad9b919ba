#!/usr/bin/python3
"""Converts a PyTorch checkpoint (.pth / .pth.tar, e.g. the official PixMix CIFAR
WRN-40-4) to a safetensors file that `vpixmix models import-torch` reads.

Usage: torch_to_safetensors.py CHECKPOINT OUT.safetensors
Takes checkpoint['state_dict'] when there is one, drops DataParallel's 'module.' prefix and
the num_batches_tracked counters, and writes every tensor as float32.
"""
import json, struct, sys
import numpy as np
import torch


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    checkpoint = torch.load(sys.argv[1], map_location='cpu')
    state = checkpoint.get('state_dict', checkpoint) if isinstance(checkpoint, dict) else checkpoint.state_dict()
    header, blobs, offset = {'__metadata__': {'source': sys.argv[1]}}, [], 0
    for key, value in state.items():
        if key.endswith('num_batches_tracked'):
            continue
        name = key[len('module.'):] if key.startswith('module.') else key
        data = np.ascontiguousarray(value.detach().cpu().numpy().astype('<f4')).tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(value.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    encoded = json.dumps(header).encode()
    encoded += b' ' * ((8 - len(encoded) % 8) % 8)
    with open(sys.argv[2], 'wb') as f:
        f.write(struct.pack('<Q', len(encoded)))
        f.write(encoded)
        for data in blobs:
            f.write(data)
    print(f'wrote {len(blobs)} tensors to {sys.argv[2]}')


if __name__ == '__main__':
    main()
