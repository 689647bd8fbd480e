% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_run_test_file (@var{file}, @var{log})
% Run the %!test, %!error and %!warning blocks of @var{file} and print
% "N passed, N failed" for tests/run_tests.sh; details go to @var{log}.
% @end deftypefn
function hlnn_run_test_file (file, log)
  fid = fopen (log, 'w');
  [n, nmax] = test (file, 'quiet', fid);
  fclose (fid);
  if (nmax == 0)
    % a file without tests counts as one failure: every file must have some
    fprintf ('%s has no tests\n', file);
    fprintf ('0 passed, 1 failed\n');
  else
    fprintf ('%d passed, %d failed\n', n, nmax - n);
  end
end
