#!/usr/bin/env bash
# Trains every shipped model in order: per family ReLU → k-WTA 0.2 (from ReLU) → k-WTA 0.1 (from 0.2),
# plus the convergence record (k-WTA 0.2 from random init, same fine-tune recipe; log only).
# Each step resumes from its checkpoint in runs/NAME/ and is skipped once models.json lists it,
# so the script can be killed and rerun at any time. Usage: scripts/train-shipped-models.sh DATA_DIR [FAMILY...]
# KWTA overrides the command (default: dotnet run --project Kwta.Cli -c Release --); KWTA_THREADS the threads.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: $0 DATA_DIR [mnist resnet alexnet]}
shift
families=${*:-mnist resnet alexnet}
kwta=${KWTA:-dotnet run --project Kwta.Cli -c Release --}
# KWTA_THREADS sets libtorch threads per run, e.g. 1 to train two families side by side on 2 cores.
threads=${KWTA_THREADS:+--threads $KWTA_THREADS}
# Training usually shares the machine with other work; spinning OpenMP threads then slow libtorch
# several-fold (measured during `kwta bench`), so they sleep while waiting unless told otherwise.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

shipped() { [ -f models/models.json ] && grep -q "\"name\": \"$1\"" models/models.json; }
recorded() { [ -f "models/logs/$1.csv" ]; }

step() { # NAME ARGS... : train and ship unless already shipped
  local name=$1; shift
  if shipped "$name"; then echo "== $name already shipped"; return; fi
  echo "== $name $(date -u +%FT%TZ)"
  $kwta train --name "$name" --data "$data" --ship $threads "$@"
}

record() { # NAME ARGS... : train and keep only the log
  local name=$1; shift
  if recorded "$name"; then echo "== $name already recorded"; return; fi
  echo "== $name $(date -u +%FT%TZ)"
  $kwta train --name "$name" --data "$data" --record-log $threads "$@"
}

# The fine-tune recipe follows the reproduction: SGD lr 0.01 then 0.001 for the last epochs, clip 0.5.
family() { # PREFIX ARCH SCRATCH_ARGS FINETUNE_EPOCHS_02 STEP_02 FINETUNE_EPOCHS_01 STEP_01 [EXTRA...]
  local p=$1 arch=$2 scratch=$3 e2=$4 s2=$5 e1=$6 s1=$7; shift 7
  step "$p-relu" --arch "$arch" --activation relu $scratch "$@"
  step "$p-kwta-0.2" --arch "$arch" --activation kwta-0.2 --init "$p-relu" --epochs "$e2" --lr 0.01 --schedule "step:$s2" --clip 0.5 "$@"
  step "$p-kwta-0.1" --arch "$arch" --activation kwta-0.1 --init "$p-kwta-0.2" --epochs "$e1" --lr 0.01 --schedule "step:$s1" --clip 0.5 "$@"
  record "$p-kwta-0.2-random-init" --arch "$arch" --activation kwta-0.2 --epochs "$e2" --lr 0.01 --schedule "step:$s2" --clip 0.5 "$@"
}

# ResNet's k-WTA 0.2 fine-tune is 15 epochs (10 + 5): the reproduction's 5 (3 + 2) left it 4.07 pp below
# ReLU, outside the 3 pp target (that run's log: models/logs/resnet18-w16-kwta-0.2-5-epochs.csv).
# AlexNet's scratch run is 20 epochs (not 30 as ResNet's) so its whole family trains in about three
# hours on 2 cores.
for f in $families; do
  case $f in
    mnist)   family mnist-cnn mnist-cnn "--epochs 6 --lr 0.05 --schedule cosine" 4 3 4 3 --no-augment ;;
    resnet)  family resnet18-w16 resnet18-w16 "--epochs 30 --lr 0.1 --schedule cosine" 15 10 6 4 ;;
    alexnet) family alexnet-cifar alexnet-cifar "--epochs 20 --lr 0.05 --schedule cosine" 5 3 6 4 ;;
    *) echo "unknown family $f (mnist, resnet, alexnet)" >&2; exit 2 ;;
  esac
done
