#!/usr/bin/env python3
"""Writes the recipe of src/bench/gpu/run.sh's training run: the GPU demo recipe with this run's data, epochs, rate
step, item limit and checkpoint interval, and, to continue a model bundle (--init), its start, learning rate, a
warm-up, no dropout and no clipping (as the later stages of the bundled body demo trained)."""
import argparse
import json
import os

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("template", help="recipe to start from (src/bench/gpu/demo-body-gpu.json)")
parser.add_argument("out", help="recipe file to write")
parser.add_argument("--data", required=True)
parser.add_argument("--validation", required=True)
parser.add_argument("--epochs", type=int, required=True)
parser.add_argument("--lr-step", type=float, required=True, help="epochs before the rate drops x0.1")
parser.add_argument("--init", help="model bundle (folder or .metro.json) or checkpoint to continue")
parser.add_argument("--lr", type=float, help="learning rate (default: the template's)")
parser.add_argument("--warmup", type=int, default=200, help="warm-up steps when continuing (default 200)")
parser.add_argument("--limit", type=int, default=0, help="train on the first N items only (default: all)")
parser.add_argument("--checkpoint-every", type=int, default=0,
                    help="also save last/ every N steps, so a run stopped by the time limit keeps its work")
args = parser.parse_args()

with open(args.template) as f:
    recipe = json.load(f)
recipe.update(data=args.data, validation=args.validation, epochs=args.epochs, lrStepEpochs=args.lr_step,
              limit=args.limit, checkpointEverySteps=args.checkpoint_every)
if args.init:
    if not os.path.exists(args.init):
        parser.error(f"{args.init}: no such bundle or checkpoint")
    recipe.update(init=os.path.abspath(args.init), dropout=0.0, warmupSteps=args.warmup, clipNorm=0.0)
if args.lr:
    recipe["learningRate"] = args.lr
with open(args.out, "w") as f:
    json.dump(recipe, f, indent=2)
print(f"recipe {args.out}: {json.dumps(recipe)}")
