#!/bin/sh
# Checks that every message, field and enum value in our .proto files (package mesos.v1.*) exists
# in the official Apache Mesos protos with the same number, label, type, default and deprecation.
# Usage: tools/check-official-protos.sh <bare mesos git repo> <protoc> <protobuf-java jar>
# (protoc and the jar are in ~/.m2 after a build). Not part of the Maven build: it needs the
# Mesos sources and python3.
set -eu
MESOS=$1 PROTOC=$2 JAR=$3
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/official" "$WORK/wkt"
(cd "$WORK/wkt" && unzip -q "$JAR" 'google/protobuf/*.proto')
for f in $(git -C "$MESOS" ls-tree -r --name-only HEAD include/mesos/v1 | grep '\.proto$'); do
  mkdir -p "$WORK/official/$(dirname "${f#include/}")"
  git -C "$MESOS" show "HEAD:$f" > "$WORK/official/${f#include/}"
done
decode() { "$PROTOC" -I"$WORK/wkt" --decode=google.protobuf.FileDescriptorSet google/protobuf/descriptor.proto; }
"$PROTOC" -I"$WORK/official" -I"$WORK/wkt" --include_imports -o "$WORK/official.pb" \
  mesos/v1/mesos.proto mesos/v1/scheduler/scheduler.proto mesos/v1/master/master.proto
P=$HERE/src/main/proto
"$PROTOC" -I"$P" -I"$WORK/wkt" --include_imports -o "$WORK/ours.pb" $(cd "$P" && find . -name '*.proto' | sed 's|^\./||')
decode < "$WORK/official.pb" > "$WORK/official.txt"
decode < "$WORK/ours.pb" > "$WORK/ours.txt"
python3 "$HERE/tools/compare_descriptors.py" "$WORK/official.txt" "$WORK/ours.txt"
