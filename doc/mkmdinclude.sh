#!/bin/sh
# mkmdinclude.sh -- a Markdown results file as a Texinfo fragment for the
# manual: its text verbatim when it exists (tables and figures stay
# legible in Info and HTML), else a note saying which target produces it.
#
# usage: sh mkmdinclude.sh FILE.md 'make target' > fragment.texi
set -u
[ $# -eq 2 ] || { echo "usage: $0 FILE.md TARGET" >&2; exit 2; }
if [ -r "$1" ]; then
  echo "The text below is @file{doc/$(basename "$1")} as it stood when this"
  echo "manual was built (@code{$2} writes it)."
  echo
  echo '@verbatim'
  # @verbatim ends at any "@end verbatim": mangle one in the text
  sed 's/@end\([[:space:]]*\)verbatim/@end\1-verbatim/g' "$1"
  echo '@end verbatim'
else
  cat <<EOT
@noindent
@file{doc/$(basename "$1")} does not exist in this tree yet: it is
written by @code{$2}.  Run that, then @code{make} again to include it
here.
EOT
fi
