#!/bin/sh
# The `jobtop` command (package.json "bin"; `npm start` and the bench run it too): sets glibc's
# malloc trim threshold, then runs dist/cli.js with the `node` on PATH, as `#!/usr/bin/env node`
# would. The build copies this file to dist/jobtop.
#
# why: glibc reads its malloc tunables once, when a process starts; a Node program cannot set them
# for itself (Node has no mallopt). Any fixed MALLOC_*_ threshold turns off glibc's dynamic mmap
# threshold, whose adjustment let the thread arenas of a monitor left open keep 10-20 MB they no
# longer used; 1 MB keeps an arena from being trimmed for every small free (docs/performance.md
# "Session 6: the launcher"). A value the caller set is kept; other C libraries ignore it.
: "${MALLOC_TRIM_THRESHOLD_=1048576}"
export MALLOC_TRIM_THRESHOLD_

# why: npm links the command to this file through symlinks (node_modules/.bin/jobtop, a global
# bin directory, itself perhaps a link); cli.js lies beside the file itself. A relative link is
# followed from the physical directory it sits in (`cd -P`): node resolves `..` in its script's
# path textually, so `linked-bin/../lib/…` would name the wrong place. Started directly (not
# through a link), nothing but this shell runs before node.
self=$0
case $self in */*) ;; *) self=./$self ;; esac
while [ -L "$self" ]; do
  target=$(readlink -- "$self")
  case $target in
    /*) self=$target ;;
    *) self=$(CDPATH='' cd -P -- "${self%/*}" && pwd -P)/$target ;;
  esac
done
exec node "${self%/*}/cli.js" "$@"
