% -*- texinfo -*-
% @deftypefn {hlnn} {} test_fuzz_inputs ()
% Hostile inputs: every public .m function and every MEX gateway, called
% directly with the bad arguments of hlnn_fuzz_cases, must raise an error
% whose identifier starts with @code{hlnn:} and whose message names the
% argument -- and must never crash.  The calls run in child octave-cli
% processes, so a crash is detected, counted and survived.
% @end deftypefn
function test_fuzz_inputs ()
end

%!test
%! % the harness itself: a case that segfaults its process is counted as
%! % crashed and the cases after it still run
%! r = hlnn_fuzz_run ('hlnn_fuzz_selftest_cases');
%! assert (numel (r.crashed), 1);
%! assert (~isempty (strfind (r.crashed{1}, 'segfault')));
%! assert (r.ok, 2);
%! assert (isempty (r.failed));

%!test
%! r = hlnn_fuzz_run ();
%! fns = fieldnames (r.by_fn);
%! for i = 1:numel (fns)
%!   printf ('  %-24s %4d cases\n', fns{i}, r.by_fn.(fns{i}));
%! end
%! printf ('  fuzz: %d tried, %d hlnn: errors naming the argument, %d interpreter arity errors, %d crashed, %d wrong\n', ...
%!         r.tried, r.ok, r.interp, numel (r.crashed), numel (r.failed));
%! cellfun (@(s) printf ('  crashed: %s\n', s), r.crashed);
%! cellfun (@(s) printf ('  wrong: %s\n', s), r.failed);
%! assert (numel (r.crashed), 0);
%! assert (numel (r.failed), 0);
%! assert (r.ok >= 300);
%! assert (r.ok + r.interp, r.tried);
%! % every public function and every gateway is covered
%! api = dir (fullfile (fileparts (which ('mlp_create')), '*.m'));
%! gw = dir (fullfile (fileparts (which ('hlnn_train_mex')), '*.mex'));
%! names = [regexprep({api.name}, '\.m$', ''), regexprep({gw.name}, '\.mex$', '')];
%! missing = setdiff (names, fns);
%! assert (isempty (missing), ['not fuzzed: ', strjoin(missing, ', ')]);
