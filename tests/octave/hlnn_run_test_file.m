% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_run_test_file (@var{file}, @var{log})
% Run the %!test, %!error and %!warning blocks of @var{file} and print
% "N passed, N failed, N skipped" for tests/run_tests.sh; details go to
% @var{log}.  Skipped tests are %!testif blocks whose feature or run-time
% condition is missing (the condition prints a "SKIP: reason" line).
% @end deftypefn
function hlnn_run_test_file (file, log)
  fid = fopen (log, 'w');
  [n, nmax, ~, ~, nskip, nrtskip] = test (file, 'quiet', fid);
  fclose (fid);
  nskip = nskip + nrtskip;
  if (nmax == 0 && nskip == 0)
    % a file without tests counts as one failure: every file must have some
    fprintf ('%s has no tests\n', file);
    fprintf ('0 passed, 1 failed\n');
  else
    fprintf ('%d passed, %d failed, %d skipped\n', n, nmax - n, nskip);
  end
end
