#!/usr/bin/env bash
# Writes the pull request comment of a MARVEL model review: for every model file the change
# touches, `marvel diff BASE FILE --format markdown` (a summary line, a Mermaid picture of the
# changed neighbourhood, every change). The comment starts with a marker line, so that
# post-comment.mjs finds and updates the same comment on every push.
#
#   marvel-review.sh BASE [OUTPUT.md]
#
# BASE is the branch or commit the change is compared with (the pull request's target); the
# comparison starts from where the change branched off it (git merge-base).
# MARVEL     the command line (default: marvel), e.g. "node tools/marvel/out/cli.cjs"
# MARVEL_MODELS  the model files to compare, separated by newlines (default: every .marvel file
#            the change adds, modifies or renames)
# Exit code: 0 when the comment is written (also when a model has errors: `marvel check`
# reports those); 2 when git or marvel cannot run.
set -uo pipefail

base="${1:?usage: marvel-review.sh BASE [OUTPUT.md]}"
output="${2:-marvel-review.md}"
read -r -a marvel <<< "${MARVEL:-marvel}"
marker='<!-- marvel-review -->'

cd "$(git rev-parse --show-toplevel)" || exit 2
start="$(git merge-base "$base" HEAD)" || { echo "marvel-review: no common history with '$base'" >&2; exit 2; }
if [[ -n "${MARVEL_MODELS:-}" ]]; then
    models="$MARVEL_MODELS"
else
    models="$(git diff --name-only --diff-filter=AMR "$start" HEAD -- '*.marvel')" || exit 2
fi

{
    echo "$marker"
    if [[ -z "$models" ]]; then
        echo "No MARVEL model changed."
    fi
    while IFS= read -r model; do
        [[ -z "$model" ]] && continue
        if ! git cat-file -e "$start:$model" 2>/dev/null; then
            printf '**New model file** `%s`\n\n' "$model"
            continue
        fi
        "${marvel[@]}" diff "$start" "$model" --format markdown
        status=$?
        # 1: the new model has errors; the diff is still worth reading.
        if (( status > 1 )); then
            echo "marvel-review: 'marvel diff' failed on $model (exit $status)" >&2
            exit 2
        fi
        echo
    done <<< "$models"
} > "$output"
