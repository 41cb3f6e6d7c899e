#!/usr/bin/env bash
# Downloads the official test and training sets into DIR as the readers expect them (docs/models.md, section Data):
# CIFAR-10's binary version from its authors' page, MNIST's IDX files from its authors' page or, when that refuses,
# PyTorch's mirror of the same files. Usage: scripts/get-data.sh DIR
set -euo pipefail
dir=${1:?usage: $0 DIR}
mkdir -p "$dir"
curl -fsSL https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz | tar -xz -C "$dir"
for name in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  curl -fsSL -o "$dir/$name.gz" "http://yann.lecun.com/exdb/mnist/$name.gz" \
    || curl -fsSL -o "$dir/$name.gz" "https://ossci-datasets.s3.amazonaws.com/mnist/$name.gz"
done
echo "data in $dir: $(find "$dir" -name 'test_batch.bin' -o -name 't10k-*' | tr '\n' ' ')"
