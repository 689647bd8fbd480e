% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{folds} =} fin_split (@var{n})
% @deftypefnx {hlnn} {@var{folds} =} fin_split (@var{n}, @var{name}, @var{value}, @dots{})
% Chronological train/test splits of rows 1 @dots{} @var{n} of a time
% series, for walk-forward evaluation.  Rows are never shuffled: every
% training row comes before every test row of its fold.
%
% @var{folds} is a 1 x K struct array with fields @code{train} and
% @code{test} (row vectors of row indices, increasing) and @code{k}.
% Between the last training row and the first test row of a fold lie
% @qcode{'Embargo'} rows that belong to neither, so that labels or
% features that reach a few rows ahead of the training window cannot
% touch the test period.
%
% Options (name/value pairs or a struct):
% @table @asis
% @item @qcode{'Method'}
% @qcode{'expanding'} (default: the training window always starts at
% @qcode{'Start'} and grows), @qcode{'rolling'} (a window of fixed length
% @qcode{'TrainSize'} that moves forward) or @qcode{'holdout'} (one fold).
% @item @qcode{'TrainSize'}
% rows of the first training window; a number in (0, 1) is a fraction of
% the rows from @qcode{'Start'} to @var{n} (default 0.5).
% @item @qcode{'TestSize'}
% rows per test block (default: whatever @qcode{'NumFolds'} blocks leave;
% for @qcode{'holdout'}, all remaining rows).
% @item @qcode{'NumFolds'}
% number of test blocks when @qcode{'TestSize'} is not given (default 4).
% @item @qcode{'Step'}
% rows the window moves between folds (default @qcode{'TestSize'}, so
% that test blocks tile the evaluation period without overlap).
% @item @qcode{'Embargo'}
% rows left out between training and test (default 0).
% @item @qcode{'Start'}
% first row to use (default 1).
% @end table
% @seealso{fin_backtest, fin_phase_space}
% @end deftypefn
function folds = fin_split (n, varargin)
  hlnn_check_nargin (nargin, 1, Inf, 'fin_split');
  if (~isnumeric (n) || ~isscalar (n) || ~isreal (n) || ~isfinite (n) || n ~= fix (n) ...
      || n < 3 || n > 2^31)
    error ('hlnn:fin:split', 'fin_split: N must be an integer >= 3');
  end
  defaults = struct ('Method', 'expanding', 'TrainSize', 0.5, 'TestSize', [], ...
                     'NumFolds', 4, 'Step', [], 'Embargo', 0, 'Start', 1);
  o = hlnn_options (defaults, 'fin', 'fin_split', varargin);
  methods = {'expanding', 'rolling', 'holdout'};
  if (~ischar (o.Method) || ~any (strcmpi (o.Method, methods)))
    error ('hlnn:fin:split', 'fin_split: Method must be one of: %s', strjoin (methods, ', '));
  end
  method = lower (o.Method);
  s0 = o.Start;
  check_int (s0, 'Start', 1);
  if (s0 > n - 2)
    error ('hlnn:fin:split', 'fin_split: Start leaves fewer than 3 rows');
  end
  check_int (o.Embargo, 'Embargo', 0);
  avail = n - s0 + 1;
  ntr = o.TrainSize;
  if (isnumeric (ntr) && isscalar (ntr) && ntr > 0 && ntr < 1)
    ntr = floor (ntr * avail);
  end
  check_int (ntr, 'TrainSize', 2);
  rest = avail - ntr - o.Embargo;
  if (rest < 1)
    error ('hlnn:fin:split', ...
           'fin_split: TrainSize %d and Embargo %d leave no test rows out of %d', ...
           ntr, o.Embargo, avail);
  end
  if (strcmp (method, 'holdout'))
    nte = o.TestSize;
    if (isempty (nte))
      nte = rest;
    end
    check_int (nte, 'TestSize', 1);
    K = 1;
  else
    nte = o.TestSize;
    if (isempty (nte))
      check_int (o.NumFolds, 'NumFolds', 1);
      nte = floor (rest / o.NumFolds);
      if (nte < 1)
        error ('hlnn:fin:split', 'fin_split: NumFolds %d is more than the %d test rows', ...
               o.NumFolds, rest);
      end
    end
    check_int (nte, 'TestSize', 1);
    step = o.Step;
    if (isempty (step))
      step = nte;
    end
    check_int (step, 'Step', 1);
    K = floor ((rest - 1) / step) + 1;
    if (isempty (o.TestSize))
      K = min (K, o.NumFolds);
    end
  end
  folds = struct ('train', cell (1, K), 'test', cell (1, K), 'k', cell (1, K));
  for k = 1:K
    if (strcmp (method, 'holdout'))
      e = s0 + ntr - 1;
    else
      e = s0 + ntr - 1 + (k - 1) * step;
    end
    if (strcmp (method, 'rolling'))
      b = e - ntr + 1;
    else
      b = s0;
    end
    c = e + o.Embargo + 1;
    d = min (c + nte - 1, n);
    folds(k).train = b:e;
    folds(k).test = c:d;
    folds(k).k = k;
  end
end

function check_int (x, name, lo)
  if (~isnumeric (x) || ~isscalar (x) || x ~= fix (x) || x < lo)
    error ('hlnn:fin:split', 'fin_split: %s must be an integer >= %d', name, lo);
  end
end

%!test
%! f = fin_split (100, 'TrainSize', 40, 'TestSize', 20);
%! assert (numel (f), 3);
%! assert (f(1).train, 1:40); assert (f(1).test, 41:60);
%! assert (f(2).train, 1:60); assert (f(2).test, 61:80);
%! assert (f(3).train, 1:80); assert (f(3).test, 81:100);

%!test
%! f = fin_split (100, 'Method', 'rolling', 'TrainSize', 40, 'TestSize', 25, 'Embargo', 5);
%! assert (f(1).train, 1:40); assert (f(1).test, 46:70);
%! assert (f(2).train, 26:65); assert (f(2).test, 71:95);
%! assert (f(3).train, 51:90); assert (f(3).test, 96:100);

%!test
%! f = fin_split (1000, 'TrainSize', 0.6, 'NumFolds', 4, 'Embargo', 3);
%! assert (numel (f), 4);
%! assert (f(1).train, 1:600);
%! assert (f(1).test(1), 604);
%! assert (all (arrayfun (@(g) numel (g.test), f) == 99));
%! % never shuffled, train always before test, embargo respected
%! for k = 1:4
%!   assert (all (diff (f(k).train) == 1) && all (diff (f(k).test) == 1));
%!   assert (f(k).test(1) - f(k).train(end), 4);
%! end

%!test
%! f = fin_split (50, 'Method', 'holdout', 'TrainSize', 30, 'Start', 5);
%! assert (numel (f), 1);
%! assert (f.train, 5:34); assert (f.test, 35:50);

%!error <N must be> fin_split (2)
%!error <Method> fin_split (100, 'Method', 'shuffle')
%!error <leave no test rows> fin_split (100, 'TrainSize', 99, 'Embargo', 1)
%!error <NumFolds> fin_split (10, 'TrainSize', 8, 'NumFolds', 5)
%!error <Embargo> fin_split (100, 'Embargo', -1)
%!error <Invalid call> fin_split ()

%!demo
%! f = fin_split (1860, 'Method', 'expanding', 'TrainSize', 1000, 'NumFolds', 4, 'Embargo', 1);
%! for k = 1:numel (f)
%!   printf ('fold %d: train %d..%d  test %d..%d\n', k, f(k).train([1 end]), f(k).test([1 end]));
%! end
