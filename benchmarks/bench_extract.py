"""How much dearer is extraction than bare spaCy? `python benchmarks/bench_extract.py [--n 1000]`

Times N articles (the seed corpus repeated; N at most 1,000) through
`analysis.extract.extract_many` with the cache bypassed, against plain `nlp.pipe`
of the *full* en_core_web_sm pipeline (every component, as loaded) on the same
texts with the same batch size. Both pipelines are loaded and warmed up before
timing. The two sides are timed in alternating chunks of 100 articles, so that load from
other processes on a shared machine falls on both alike. Prints both times and the ratio
(target: at most 1.5x).
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus import load_corpus  # noqa: E402
from analysis.extract import extract_many  # noqa: E402
from analysis.nlp import get_full_nlp, get_nlp  # noqa: E402

MAX_N = 1000
BATCH = 32
CHUNK = 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=MAX_N, help=f"articles to process (1..{MAX_N})")
    parser.add_argument("--repeat", type=int, default=1, help="timing runs of each side (the mean is reported)")
    args = parser.parse_args(argv)
    if not 1 <= args.n <= MAX_N:
        parser.error(f"--n must be between 1 and {MAX_N}")
    seeds = load_corpus().articles
    articles = [dataclasses.replace(seeds[i % len(seeds)], file=f"{i:04d}_{seeds[i % len(seeds)].file}")
                for i in range(args.n)]
    texts = [a.text for a in articles]
    full, ours = get_full_nlp(), get_nlp()
    list(full.pipe(texts[:5])), extract_many(articles[:5], use_cache=False)   # warm up

    bare = extraction = 0.0
    for _ in range(args.repeat):
        for start in range(0, args.n, CHUNK):
            part_texts, part_articles = texts[start:start + CHUNK], articles[start:start + CHUNK]
            t0 = time.perf_counter()
            for _doc in full.pipe(part_texts, batch_size=BATCH):
                pass
            t1 = time.perf_counter()
            extract_many(part_articles, use_cache=False, batch_size=BATCH)
            t2 = time.perf_counter()
            bare += t1 - t0
            extraction += t2 - t1
    bare, extraction = bare / args.repeat, extraction / args.repeat
    n_events = sum(len(x.events) for x in extract_many(articles[:len(seeds)], use_cache=False))
    print(f"articles: {args.n} ({sum(map(len, texts)):,} characters), batch size {BATCH}")
    print(f"bare spaCy nlp.pipe, full model {full.pipe_names}: {bare:.2f} s")
    print(f"extraction (pipeline {ours.pipe_names} + rules): {extraction:.2f} s")
    print(f"ratio extraction / bare spaCy: {extraction / bare:.2f}x  ({n_events} events per corpus pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
