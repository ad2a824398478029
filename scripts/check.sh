#!/bin/sh
# Lint and typecheck side by side (each is single-threaded; CI has two cores). Fails if either fails, after both
# have printed their findings.
npm run lint &
lint=$!
npm run typecheck
types=$?
wait "$lint"
lint_status=$?
[ "$lint_status" -eq 0 ] && [ "$types" -eq 0 ]
