% -*- texinfo -*-
% @deftypefn {hlnn} {@var{C} =} hlnn_fuzz_selftest_cases ()
% A three-case table whose middle case kills its own process with
% SIGSEGV, so that the fuzz test can show that hlnn_fuzz_run detects and
% counts a crash and carries on after it (tests only).
% @end deftypefn
function C = hlnn_fuzz_selftest_cases ()
  mk = @(label, fn, args, name) struct ('label', label, 'fn', fn, ...
       'args', {args}, 'nout', 1, 'name', name, 'interp', false);
  C = [mk('before', 'hlnn_info_mex', {0}, 'nthreads'), ...
       mk('segfault', 'kill', {getpid(), 11}, 'none'), ...
       mk('after', 'hlnn_info_mex', {-1}, 'nthreads')];
end
