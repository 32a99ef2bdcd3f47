"""The learned claim-strength classifier (optional: ``pip install '.[model]'``).

A MiniLM-L6 sentence encoder fine-tuned on PubMed conclusion sentences to the same
four levels as ``lint.claimstrength`` (0 none, 1 correlational, 2 conditional causal,
3 direct causal), exported to ONNX with int8 weights.  The files are in
``lint/models/claim_strength/`` (``model.onnx``, ``tokenizer.json``; GPL-3.0, see the
NOTICE there); ``tools/train_claim_model.py`` makes them.

Run time needs only ``onnxruntime``, ``tokenizers`` and ``numpy``, imported on first
use; nothing is downloaded.  The inference session is created once per process, on the
first question.  Answers are cached per sentence (an LRU of ``CACHE_SIZE`` texts), so
asking again for a sentence costs a dictionary look-up.

    installed() -> bool          the extra is installed and the files are there
    available() -> bool          installed and not switched off
    probabilities(texts)         one (p0, p1, p2, p3) per text, batched
    level(text) -> int           the most probable level

``SCIENCELINT_CLAIM_MODEL=off`` (or ``0``, ``false``, ``no``) makes ``available()``
false, so callers fall back to the rules.  ``SCIENCELINT_CLAIM_MODEL_THREADS=N`` sets
onnxruntime's intra-op threads; by default 2 in a main process (more threads do not
help this small model on short sentences) and 1 in a worker process (``--jobs``
already runs one process per core).
"""
from __future__ import annotations

import importlib.util
import multiprocessing
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["MODEL_DIR", "ModelUnavailable", "available", "configure", "in_use", "installed", "level",
           "most_likely", "probabilities"]

MODEL_DIR = Path(__file__).resolve().parent / "models" / "claim_strength"
MAX_LENGTH = 128  # tokens, [CLS] and [SEP] included; longer texts are truncated
BATCH_SIZE = 32
CACHE_SIZE = 4096
_DEPS = ("onnxruntime", "tokenizers", "numpy")
_OFF = {"off", "0", "false", "no"}

Probs = tuple[float, float, float, float]


class ModelUnavailable(RuntimeError):
    """The model was asked for but cannot run (extra not installed, files missing,
    switched off, or the runtime failed to load)."""


_lock = threading.Lock()
_cache: OrderedDict[str, Probs] = OrderedDict()
_state: dict[str, Any] = {}  # "session", "tokenizer", "np" once loaded; "error" if loading failed
_deps_ok: bool | None = None


def _switched_off() -> bool:
    return os.environ.get("SCIENCELINT_CLAIM_MODEL", "").strip().lower() in _OFF


def installed() -> bool:
    """True when its runtime dependencies are installed and its files are present (and
    loading has not failed), whether or not ``SCIENCELINT_CLAIM_MODEL`` switches it off.
    Cheap: nothing is imported or loaded.  Never raises."""
    global _deps_ok
    try:
        if "error" in _state:
            return False
        if _deps_ok is None:
            _deps_ok = all(importlib.util.find_spec(name) is not None for name in _DEPS)
        return _deps_ok and (MODEL_DIR / "model.onnx").is_file() and (MODEL_DIR / "tokenizer.json").is_file()
    except Exception:  # a broken installation: the rules take over
        return False


def available() -> bool:
    """True when the model can be used: installed and not switched off."""
    return not _switched_off() and installed()


MODES = ("auto", "on", "off")
_mode = "auto"


def configure(mode: str | None) -> None:
    """The ``claim-model`` setting: ``auto`` (default: used when available), ``on``
    (required: an error if it is not available) or ``off`` (the rules only)."""
    global _mode
    mode = mode or "auto"
    if mode not in MODES:
        raise ConfigError(f"claim-model must be one of {', '.join(MODES)}, not '{mode}'")
    if mode == "on" and not available():
        why = ("SCIENCELINT_CLAIM_MODEL is off" if _switched_off()
               else _state.get("error") or "install it with pip install '.[model]'")
        raise ConfigError(f"claim-model is on but the claim-strength model is not available ({why})")
    _mode = mode


def in_use() -> bool:
    """Whether the claim analyses should ask the model: not configured off, and available."""
    return _mode != "off" and available()


def threads() -> int:
    """Intra-op threads for the session: ``SCIENCELINT_CLAIM_MODEL_THREADS``, else 1 in a
    child process (a ``--jobs`` worker) and 2 otherwise (at most the cores there are)."""
    value = os.environ.get("SCIENCELINT_CLAIM_MODEL_THREADS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    if multiprocessing.parent_process() is not None:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def _load() -> dict[str, Any]:
    """The session and tokenizer, created once (under the lock)."""
    if "session" in _state:
        return _state
    if "error" in _state:
        raise ModelUnavailable(_state["error"])
    if not available():
        raise ModelUnavailable("the claim-strength model is not available (pip install '.[model]', "
                               "or SCIENCELINT_CLAIM_MODEL is off)")
    try:
        import numpy as np
        import onnxruntime as ort  # type: ignore[import-untyped, unused-ignore]
        from tokenizers import Tokenizer  # type: ignore[import-untyped, unused-ignore]

        tok = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
        tok.enable_truncation(max_length=MAX_LENGTH)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest text of a batch
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads()
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # no busy-waiting between calls
        session = ort.InferenceSession(str(MODEL_DIR / "model.onnx"), opts, providers=["CPUExecutionProvider"])
    except Exception as exc:
        _state["error"] = f"the claim-strength model failed to load: {exc}"
        raise ModelUnavailable(_state["error"]) from exc
    meta = session.get_modelmeta().custom_metadata_map
    batch = BATCH_SIZE if meta.get("sciencelint.batch_independent") == "1" else 1
    _state.update(session=session, tokenizer=tok, np=np, batch=batch)
    return _state


def _softmax_rows(np: Any, logits: Any) -> list[Probs]:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    p = e / e.sum(axis=1, keepdims=True)
    return [(float(a), float(b), float(c), float(d)) for a, b, c, d in p.tolist()]


def _infer(state: dict[str, Any], texts: list[str]) -> list[Probs]:
    np = state["np"]
    encs = state["tokenizer"].encode_batch(texts)
    ids = np.array([e.ids for e in encs], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
    logits = state["session"].run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]
    return _softmax_rows(np, logits.astype(np.float64))


def probabilities(texts: Sequence[str]) -> list[Probs]:
    """The probability of each level (0-3) for each text, in order.  Texts not in the
    cache are run in batches of ``BATCH_SIZE`` (similar lengths together, each batch
    padded to its longest text), or one at a time if the model's metadata does not
    declare its results independent of batching (a dynamically quantised model
    quantises each batch with one scale).  Raises ``ModelUnavailable`` when
    ``available()`` is false or the runtime fails to load."""
    if _switched_off():
        raise ModelUnavailable("the claim-strength model is switched off (SCIENCELINT_CLAIM_MODEL)")
    texts = list(texts)
    with _lock:
        found: dict[str, Probs] = {}
        for t in texts:
            hit = _cache.get(t)
            if hit is not None:
                _cache.move_to_end(t)
                found[t] = hit
        todo = sorted({t for t in texts if t not in found}, key=len)
        if todo:
            state = _load()
            size = state["batch"]
            for i in range(0, len(todo), size):
                chunk = todo[i: i + size]
                for t, p in zip(chunk, _infer(state, chunk)):
                    found[t] = p
                    _cache[t] = p
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
        return [found[t] for t in texts]


def most_likely(probs: Sequence[float]) -> int:
    """The index (level) of the largest probability or logit."""
    return max(range(len(probs)), key=lambda k: probs[k])


def level(text: str) -> int:
    """The most probable claim-strength level (0-3) of one sentence."""
    return most_likely(probabilities([text])[0])


def clear_cache() -> None:
    """Forget cached answers (the session stays loaded)."""
    with _lock:
        _cache.clear()


def reset() -> None:
    """Forget cached answers and the session (the next question loads it again, with the
    thread setting then in force)."""
    global _deps_ok
    with _lock:
        _cache.clear()
        _state.clear()
        _deps_ok = None
