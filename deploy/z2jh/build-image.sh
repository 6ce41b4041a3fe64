#!/bin/bash
# Zero to JupyterHub on Kubernetes, for more students than one server holds: the students' image is the one
# Binder builds, made by repo2docker from binder/ (the same plan tests/browser/test_binder_replay.py replays),
# plus nbgitpuller for the class link. Run where Docker runs, then push the image to your registry:
#
#   bash deploy/z2jh/build-image.sh registry.example.org/who-can-read-it:2026-12
#   docker push registry.example.org/who-can-read-it:2026-12
#
# then set singleuser.image in deploy/z2jh/values.yaml to that name and tag.
set -euo pipefail
image="${1:?usage: build-image.sh REGISTRY/NAME:TAG}"
cd "$(dirname "$0")/../.."
.venv-binder/bin/repo2docker --no-run --user-id 1000 --user-name jovyan --image-name "$image" \
  --appendix 'RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir nbgitpuller==1.3.0' .
