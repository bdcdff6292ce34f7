"""Fine-tune the top layers of the MiniLM encoder for event typing (training only: needs torch).

The lower layers stay as published; their token states are computed once per text (numpy,
``embed.MiniLM.states``) and the top ``TOP`` layers are trained with one linear head per scheme (PLOVER,
ACLED, CAMEO root, ConfliBERT quad): every example teaches the heads of the schemes it is labelled for, so the
shared layers learn from all of them. The result is the tuned layers (in ``embed``'s numpy layout) and one
scheme's head, which ``classify.Model`` mixes with its linear model (``classify.Tuned``). Seeded and
single-threaded per batch, so a rerun gives the same weights.
"""

from __future__ import annotations

import numpy as np

from observatory import classify, embed
from observatory.classify import NONE, Example, Tuned

TOP = 2  # layers tuned (of 6); each costs about 3.5 MB in the shipped model
EPOCHS = 5
LR = 5e-5  # the tuned layers; the heads learn at HEAD_LR
HEAD_LR = 2e-3
BATCH = 16
AUX_WEIGHT = 0.3  # ConfliBERT sentences (weak PLOVER labels, real quad labels)
SEED = 0
SCALE = 10.0  # pooled embeddings are unit length; the heads see them scaled (folded into the shipped coef)
HEADS = {
    "plover": [NONE, *classify.PLOVER_TYPES],
    "acled": [NONE, *classify.ACLED_TYPES],
    "cameo": [NONE, *classify.CAMEO_ROOTS],
    "quad": [NONE, *classify.QUADS],
}


def _torch_layers(layers: list[embed.Layer]):
    import torch
    from torch import nn
    from torch.nn import functional as F

    class Layer(nn.Module):
        def __init__(self, weights: embed.Layer) -> None:
            super().__init__()
            w = dict(zip(embed.LAYER_PARTS, (torch.tensor(np.array(v, dtype=np.float32)) for v in weights)))
            self.qkv, self.o = nn.Linear(384, 1152), nn.Linear(384, 384)
            self.i, self.f = nn.Linear(384, 1536), nn.Linear(1536, 384)
            self.ln1, self.ln2 = nn.LayerNorm(384, eps=1e-12), nn.LayerNorm(384, eps=1e-12)
            for name in ("qkv", "o", "i", "f"):
                getattr(self, name).weight.data = w[f"{name}_w"].T.contiguous()
                getattr(self, name).bias.data = w[f"{name}_b"]
            for name in ("ln1", "ln2"):
                getattr(self, name).weight.data, getattr(self, name).bias.data = (
                    w[f"{name}_w"],
                    w[f"{name}_b"],
                )
            self.drop = nn.Dropout(0.1)

        def forward(self, x, bias):
            n, length, _ = x.shape
            q, k, v = self.qkv(x).view(n, length, 3, 12, 32).permute(2, 0, 3, 1, 4)
            ctx = (torch.softmax(q @ k.transpose(-1, -2) / 32**0.5 + bias, -1) @ v).transpose(1, 2)
            x = self.ln1(self.drop(self.o(ctx.reshape(n, length, 384))) + x)
            return self.ln2(self.drop(self.f(F.gelu(self.i(x), approximate="tanh"))) + x)

        def export(self) -> embed.Layer:
            parts = {
                f"{n}_w": getattr(self, n).weight.detach().numpy().T.copy() for n in ("qkv", "o", "i", "f")
            }
            parts |= {f"{n}_b": getattr(self, n).bias.detach().numpy().copy() for n in ("qkv", "o", "i", "f")}
            parts |= {f"{n}_w": getattr(self, n).weight.detach().numpy().copy() for n in ("ln1", "ln2")}
            parts |= {f"{n}_b": getattr(self, n).bias.detach().numpy().copy() for n in ("ln1", "ln2")}
            return tuple(parts[p] for p in embed.LAYER_PARTS)

    return nn.ModuleList([Layer(w) for w in layers])


def states(texts: list[str], cache: dict) -> list[np.ndarray]:
    """Token states below the tuned layers, memoised in ``cache``."""
    encoder = embed.load()
    missing = sorted({t for t in texts if ("states", TOP, t) not in cache})
    for t, s in zip(missing, encoder.states(missing, len(encoder.layers) - TOP)):
        cache[("states", TOP, t)] = s.astype(np.float32)
    return [cache[("states", TOP, t)] for t in texts]


def tune(examples: list[Example], scheme: str, cache: dict, mix: float) -> Tuned:
    """Tuned top layers and ``scheme``'s head, trained on every label of ``examples``."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    torch.manual_seed(SEED)
    encoder = embed.load()
    layers = _torch_layers(encoder.layers[len(encoder.layers) - TOP :])
    heads = nn.ModuleDict({s: nn.Linear(384, len(labels)) for s, labels in HEADS.items()})
    drop = nn.Dropout(0.1)
    rows = sorted(examples, key=lambda e: (e.text, sorted(e.labels.items())))
    texts = sorted({e.text for e in rows})
    index = {t: i for i, t in enumerate(texts)}
    hidden = states(texts, cache)
    targets: dict[int, list[tuple[str, int, float]]] = {}
    for e in rows:
        weight = AUX_WEIGHT if e.source.startswith("conflibert") else 1.0
        for s, label in e.labels.items():
            if s in HEADS and label in HEADS[s]:
                targets.setdefault(index[e.text], []).append((s, HEADS[s].index(label), weight))
    class_weight = {}
    for s, labels in HEADS.items():
        counts = np.bincount(
            [k for ts in targets.values() for (h, k, _w) in ts if h == s], minlength=len(labels)
        )
        balanced = np.where(counts > 0, counts.sum() / (len(labels) * np.maximum(counts, 1)), 0.0)
        class_weight[s] = torch.tensor(balanced**0.5, dtype=torch.float32)

    def forward(idx: list[int]) -> dict:
        length = max(len(hidden[i]) for i in idx)
        x, mask = torch.zeros(len(idx), length, 384), torch.zeros(len(idx), length)
        for j, i in enumerate(idx):
            x[j, : len(hidden[i])] = torch.from_numpy(hidden[i])
            mask[j, : len(hidden[i])] = 1
        bias = ((1 - mask) * -1e9)[:, None, None, :]
        for layer in layers:
            x = layer(x, bias)
        pooled = F.normalize((x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True), dim=-1)
        return {s: h(drop(pooled * SCALE)) for s, h in heads.items()}

    keys = sorted(targets)
    steps = EPOCHS * ((len(keys) + BATCH - 1) // BATCH)
    optimiser = torch.optim.AdamW(
        [{"params": layers.parameters(), "lr": LR}, {"params": heads.parameters(), "lr": HEAD_LR}],
        weight_decay=0.01,
    )
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, max_lr=[LR, HEAD_LR], total_steps=steps, pct_start=0.1
    )
    rng = np.random.default_rng(SEED)
    layers.train(), heads.train(), drop.train()
    for _epoch in range(EPOCHS):
        order = rng.permutation(len(keys))
        for start in range(0, len(order), BATCH):
            idx = [keys[j] for j in order[start : start + BATCH]]
            out = forward(idx)
            loss = torch.zeros(())
            for s in HEADS:
                picked = [(r, k, w) for r, i in enumerate(idx) for (h, k, w) in targets[i] if h == s]
                if picked:
                    r, k, w = zip(*picked)
                    each = F.cross_entropy(
                        out[s][list(r)], torch.tensor(k), weight=class_weight[s], reduction="none"
                    )
                    loss = loss + (each * torch.tensor(w)).sum() / len(idx)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    head = heads[scheme]
    return Tuned(
        labels=list(HEADS[scheme]),
        layers=[layer.export() for layer in layers],
        coef=head.weight.detach().numpy() * SCALE,
        intercept=head.bias.detach().numpy().copy(),
        mix=mix,
    )
