#!/bin/sh
# install_test.sh TARBALL -- pkg install into a temporary prefix in a fresh
# octave-cli, pkg load, call functions, pkg uninstall.  Prints
# "N passed, N failed".
set -u
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
HOME="$tmp" ${OCTAVE:-octave-cli} -q --no-window-system --eval "
  pkg prefix '$tmp/pkg' '$tmp/pkg';
  pkg local_list '$tmp/octave_packages';
  ok = 0; bad = 0;
  try
    pkg ('install', '$tarball');
    pkg load hlnn;
    m = mlp_create ([2 5 1], 'Seed', 1);
    y = mlp_predict (m, ones (3, 2));
    assert (size (y), [3 1]);
    assert (~isempty (strfind (which ('mlp_predict'), '$tmp')));
    assert (isempty (which ('hlnn_train_mex')));   % gateways are private
    m = mlp_train (m, randn (20, 2), randn (20, 1), 'Steps', 5, 'Verbose', false);
    assert (m.opt.step == 5);
    % system handles and rollouts reach the private gateways
    sys = hlnn_system ('pendulum');
    [~, Xs] = hlnn_rollout (sys, sys.sample (2, 1), [0 1], 'Method', 'gl4');
    assert (size (Xs), [2 2 2]);
    assert (isempty (which ('hlnn_rollout_mex')));
    s = hlnn (); printf ('installed hlnn %s, BLAS %s\n', s.version, s.blas);
    ok = ok + 1;
  catch err
    printf ('install/load failed: %s\n', err.message); bad = bad + 1;
  end
  try
    pkg unload hlnn; pkg uninstall hlnn;
    l = pkg ('list');
    assert (~any (cellfun (@(p) strcmp (p.name, 'hlnn'), l)));
    assert (isempty (which ('mlp_predict')));
    ok = ok + 1;
  catch err
    printf ('uninstall failed: %s\n', err.message); bad = bad + 1;
  end
  printf ('%d passed, %d failed\n', ok, bad);
" 2>&1 | grep -v 'ignoring const execution_exception'
