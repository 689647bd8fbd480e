% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{A} =} fin_allocate (@var{R})
% @deftypefnx {hlnn} {@var{A} =} fin_allocate (@var{R}, @var{name}, @var{value}, @dots{})
% Allocation backtest: turn the out-of-sample forecasts of a
% @code{fin_backtest} result into portfolio weights, trade them with
% proportional costs, and compare with 1/N and buy-and-hold.
%
% At every h-th forecast origin o of horizon h = @qcode{'Horizon'}
% (default: the first horizon of @var{R}) each model's expected log
% return @code{mu = qhat(o+h) - q(o)} becomes weights, held until o+h:
% @table @asis
% @item @qcode{'meanvar'}
% (default)
% @code{w = S \ mu / RiskAversion}, S the covariance of h-period returns
% estimated from the @qcode{'CovWindow'} one-period log returns up to o
% (times h); then each weight is clipped to [-Cap, Cap] (to [0, Cap] when
% @qcode{'LongOnly'}), and scaled down to gross exposure sum|w| <= 1.
% The rest is cash at 0%.
% @item @qcode{'sign'}
% @code{w = sign(mu) / n} (negative signs set to 0 when long-only).
% @end table
% Benchmarks: 1/N rebalanced at every date, and buy-and-hold (1/N at the
% first date, never traded again).  Trading a weight change dw costs
% @qcode{'Cost'} x |dw| of wealth (default 0.001 = 10 basis points);
% weights drift with prices between dates.  Periods between test blocks
% (an embargo) are skipped.
%
% Reported per strategy: annualised Sharpe ratio of the net period
% returns (excess over 0% cash; @code{mean/std * sqrt(ppy/h)}), annualised
% return and volatility, maximum drawdown of wealth, annual turnover
% (sum |dw| per year) and the costs paid.  @var{A} has fields
% @code{names}, @code{sharpe}, @code{ann_return}, @code{ann_vol},
% @code{maxdd}, @code{turnover}, @code{costs}, @code{wealth} (dates x
% strategies), @code{returns}, @code{weights} (dates x n x strategies),
% @code{dates} (origin rows), @code{table}.
%
% Options: @qcode{'Horizon'}, @qcode{'Method'}, @qcode{'Models'} (default:
% all of @var{R}), @qcode{'Cap'} (0.5), @qcode{'LongOnly'} (true),
% @qcode{'RiskAversion'} (1), @qcode{'Cost'} (0.001),
% @qcode{'CovWindow'} (60), @qcode{'Verbose'} (print the table, default
% true).  The series of @var{R} must be prices (fin_backtest run with
% @qcode{'Log'} true).
% @seealso{fin_backtest}
% @end deftypefn
function A = fin_allocate (R, varargin)
  hlnn_check_nargin (nargin, 1, Inf, 'fin_allocate');
  o = hlnn_options (struct ('Horizon', [], 'Method', 'meanvar', 'Models', {{}}, ...
                            'Cap', 0.5, 'LongOnly', true, 'RiskAversion', 1, ...
                            'Cost', 0.001, 'CovWindow', 60, 'Verbose', true), ...
                    'fin', 'fin_allocate', varargin);
  if (~isstruct (R) || ~isfield (R, 'forecast') || ~isfield (R, 'origin'))
    error ('hlnn:fin:data', 'fin_allocate: R must come from fin_backtest');
  end
  if (~R.log)
    error ('hlnn:fin:data', 'fin_allocate: R must be a backtest of prices (Log true)');
  end
  h = o.Horizon;
  if (isempty (h))
    h = R.horizons(1);
  end
  ih = find (R.horizons == h, 1);
  if (isempty (ih))
    error ('hlnn:fin:horizon', 'fin_allocate: Horizon %d is not among the backtest''s horizons', h);
  end
  methods = {'meanvar', 'sign'};
  if (~ischar (o.Method) || ~any (strcmpi (o.Method, methods)))
    error ('hlnn:fin:option', 'fin_allocate: Method must be ''meanvar'' or ''sign''');
  end
  if (~isscalar (o.Cost) || ~(o.Cost >= 0) || ~isscalar (o.Cap) || ~(o.Cap > 0) ...
      || ~isscalar (o.RiskAversion) || ~(o.RiskAversion > 0))
    error ('hlnn:fin:option', 'fin_allocate: Cost must be >= 0, Cap and RiskAversion > 0');
  end
  W = o.CovWindow;
  if (~isscalar (W) || W ~= fix (W) || W < 2)
    error ('hlnn:fin:option', 'fin_allocate: CovWindow must be an integer >= 2');
  end
  models = o.Models;
  if (isempty (models))
    models = R.models;
  end
  [~, im] = ismember (models, R.models);
  if (any (im == 0))
    error ('hlnn:fin:model', 'fin_allocate: model ''%s'' is not in the backtest', ...
           models{find (im == 0, 1)});
  end

  % rebalancing dates: every h-th origin with enough history for S
  orig = R.origin{ih};
  keep = false (size (orig));
  next = -Inf;
  for k = 1:numel (orig)
    if (orig(k) >= next && orig(k) > W)
      keep(k) = true;
      next = orig(k) + h;
    end
  end
  if (nnz (keep) < 2)
    error ('hlnn:fin:data', 'fin_allocate: fewer than 2 rebalancing dates');
  end
  dates = orig(keep);
  lq = log (R.P);
  Rt = R.P(dates + h, :) ./ R.P(dates, :) - 1;
  n = size (R.P, 2);
  D = numel (dates);
  S = numel (models) + 2;
  names = [models(:)', {'1/N', 'buy-hold'}];
  target = zeros (D, n, S);
  for s = 1:numel (models)
    mu = R.forecast{im(s), ih}(keep, :) - R.q0{ih}(keep, :);
    for k = 1:D
      target(k, :, s) = weights (mu(k, :), lq, dates(k), h, o);
    end
  end
  target(:, :, S-1) = 1 / n;
  [ret, wts, turn] = deal (zeros (D, S), zeros (D, n, S), zeros (D, S));
  for s = 1:S
    held = zeros (1, n);
    for k = 1:D
      if (s == S && k > 1)
        w = held;                       % buy-and-hold: never trades again
      elseif (s == S)
        w = ones (1, n) / n;
      else
        w = target(k, :, s);
      end
      turn(k, s) = sum (abs (w - held));
      g = w * Rt(k, :)';
      ret(k, s) = (1 - o.Cost * turn(k, s)) * (1 + g) - 1;
      wts(k, :, s) = w;
      held = w .* (1 + Rt(k, :)) / (1 + g);
    end
  end
  ann = R.ppy / h;
  wealth = cumprod (1 + ret, 1);
  A = struct ();
  A.names = names;
  A.horizon = h;
  A.method = lower (o.Method);
  A.dates = dates;
  A.returns = ret;
  A.wealth = wealth;
  A.weights = wts;
  A.ann_return = wealth(end, :) .^ (ann / D) - 1;
  A.ann_vol = std (ret, 0, 1) * sqrt (ann);
  A.sharpe = mean (ret, 1) ./ std (ret, 0, 1) * sqrt (ann);
  A.sharpe(std (ret, 0, 1) == 0) = NaN;
  peak = cummax ([ones(1, S); wealth], 1);
  A.maxdd = max (1 - wealth ./ peak(2:end, :), [], 1);
  A.turnover = sum (turn, 1) / D * ann;
  A.costs = sum (o.Cost * turn, 1);
  A.table = format_table (A, R, D, o);
  if (o.Verbose)
    fprintf ('%s', A.table);
  end
end

function w = weights (mu, lq, o_row, h, o)
  n = numel (mu);
  if (strcmpi (o.Method, 'sign'))
    w = sign (mu) / n;
    if (o.LongOnly)
      w = max (w, 0);
    end
    return;
  end
  r = diff (lq(o_row - o.CovWindow:o_row, :));
  S = cov (r) * h;
  w = (S \ mu(:))' / o.RiskAversion;
  lo = -o.Cap;
  if (o.LongOnly)
    lo = 0;
  end
  w = min (max (w, lo), o.Cap);
  g = sum (abs (w));
  if (g > 1)
    w = w / g;
  end
  if (any (~isfinite (w)))
    w = zeros (1, n);
  end
end

function s = format_table (A, R, D, o)
  s = sprintf (['Allocation backtest (%s, h=%d, %d rebalancing dates, cost %g per unit ', ...
                'traded, %s)\n'], A.method, A.horizon, D, o.Cost, ...
               ternary (o.LongOnly, 'long-only', 'long-short'));
  s = [s sprintf('%-10s %8s %10s %9s %8s %10s %8s\n', 'strategy', 'Sharpe', ...
                 'ann.ret', 'ann.vol', 'maxDD', 'turnover', 'costs')];
  for k = 1:numel (A.names)
    sh = '-';
    if (isfinite (A.sharpe(k)))
      sh = sprintf ('%.3f', A.sharpe(k));
    end
    s = [s sprintf('%-10s %8s %10.4f %9.4f %8.4f %10.2f %8.4f\n', A.names{k}, sh, ...
                   A.ann_return(k), A.ann_vol(k), A.maxdd(k), A.turnover(k), A.costs(k))];
  end
end

function r = ternary (c, a, b)
  if (c)
    r = a;
  else
    r = b;
  end
end

%!shared R
%! randn ('state', 11);
%! t = (0:399)' / 260;
%! P = 100 * exp (cumsum (0.01 * randn (400, 3) + 0.0005));
%! warning ('off', 'hlnn:fin:noisy');
%! R = fin_backtest (t, P, 'Models', {'rw', 'drift', 'ar1'}, 'Horizons', [1 5], ...
%!                   'Split', {'TrainSize', 250, 'NumFolds', 2}, 'Verbose', false);
%! warning ('on', 'hlnn:fin:noisy');

%!test
%! A = fin_allocate (R, 'Verbose', false);
%! assert (A.names, {'rw', 'drift', 'ar1', '1/N', 'buy-hold'});
%! % the random walk predicts no change: no position, wealth stays 1
%! assert (all (A.wealth(:, 1) == 1) && isnan (A.sharpe(1)));
%! % 1/N by hand: constant weights, costs on the drift back to 1/N
%! Rt = R.P(A.dates + 1, :) ./ R.P(A.dates, :) - 1;
%! w = ones (1, 3) / 3; held = zeros (1, 3); W = 1;
%! for k = 1:numel (A.dates)
%!   g = w * Rt(k, :)';
%!   W = W * (1 - 0.001 * sum (abs (w - held))) * (1 + g);
%!   held = w .* (1 + Rt(k, :)) / (1 + g);
%! end
%! assert (A.wealth(end, 4), W, 1e-12);
%! % buy-and-hold: no cost after the first date, wealth = mean price relative
%! bh = mean (R.P(A.dates(end) + 1, :) ./ R.P(A.dates(1), :)) * (1 - 0.001);
%! assert (A.wealth(end, 5), bh, 1e-12);
%! assert (A.turnover(5), 1 / numel (A.dates) * 260, 1e-12);

%!test
%! % h = 5: non-overlapping dates h apart; sign rule gives 1/n weights
%! A = fin_allocate (R, 'Horizon', 5, 'Method', 'sign', 'Models', {'drift'}, 'Verbose', false);
%! assert (all (diff (A.dates) >= 5));
%! w = A.weights(:, :, 1);
%! assert (all (ismember (w(:), [0 1/3])));
%! % mean-variance weights respect the cap and gross exposure
%! B = fin_allocate (R, 'Cap', 0.2, 'Verbose', false);
%! w = B.weights(:, :, 1:3);
%! assert (all (w(:) >= 0 & w(:) <= 0.2 + 1e-15));
%! assert (all (sum (abs (w), 2)(:) <= 1 + 1e-12));

%!error <must come from fin_backtest> fin_allocate (struct ())
%!error <Horizon 3> fin_allocate (R, 'Horizon', 3)
%!error <Method> fin_allocate (R, 'Method', 'kelly')
%!error <not in the backtest> fin_allocate (R, 'Models', {'mlp'})
%!error <Invalid call> fin_allocate ()

%!demo
%! D = fin_load_data ('eustockmarkets');
%! R = fin_backtest (D.t, D.P, 'Models', {'rw', 'drift', 'ar1', 'mlp'}, 'Horizons', 1, ...
%!                   'Split', {'TrainSize', 1400, 'NumFolds', 2}, 'Fit', {'Steps', 200});
%! A = fin_allocate (R);
%! plot (D.t(A.dates), A.wealth); legend (A.names, 'location', 'northwest'); ylabel ('wealth');
