% -*- texinfo -*-
% @deftypefn {hlnn} {@var{ok} =} hlnn_test_have (@var{what})
% True when this machine has @var{what}: @qcode{'scipy'} (SciPy under
% /usr/bin/python3, an independent MAT-file reader), @qcode{'parallel'}
% (the octave-parallel package), @qcode{'thread_shim'} (the
% LD_PRELOAD shim of make check, HLNN_FAIL_THREADS_SO), @qcode{'procfs'} (/proc/self/status
% with VmHWM), @qcode{'hnn'} or @qcode{'lnn'} (that model kind's API).  Otherwise prints "SKIP: reason" and returns false.  Meant
% as a %!testif run-time condition (tests only).
% @end deftypefn
function ok = hlnn_test_have (what)
  switch (what)
    case 'scipy'
      [rc, ~] = system ('/usr/bin/python3 -c "import scipy.io" 2>/dev/null');
      ok = (rc == 0);
      why = 'SciPy (python3-scipy) is not installed';
    case 'parallel'
      ok = ~isempty (pkg ('list', 'parallel'));
      why = 'the octave-parallel package is not installed';
    case 'thread_shim'
      ok = ~isempty (getenv ('HLNN_FAIL_THREADS_SO')) ...
           && exist (getenv ('HLNN_FAIL_THREADS_SO'), 'file') == 2;
      why = 'no HLNN_FAIL_THREADS_SO (make check builds tests/c/fail_threads.so)';
    case 'procfs'
      ok = exist ('/proc/self/status', 'file') ...
           && ~isempty (strfind (fileread ('/proc/self/status'), 'VmHWM'));
      why = 'no /proc/self/status with VmHWM (not Linux)';
    case {'hnn', 'lnn'}
      ok = exist ([what, '_train'], 'file') ~= 0;
      why = sprintf ('%s_train is not part of this build', what);
    otherwise
      error ('hlnn_test_have: unknown feature %s', what);
  end
  if (~ok)
    printf ('SKIP: %s\n', why);
  end
end
