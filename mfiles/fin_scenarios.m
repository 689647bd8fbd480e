% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{S} =} fin_scenarios (@var{model}, @var{prep}, @var{shocks})
% @deftypefnx {hlnn} {@var{S} =} fin_scenarios (@dots{}, @var{name}, @var{value}, @dots{})
% Deterministic what-if paths of learned dynamics from shocked initial
% states (stress testing).
%
% Each row of @var{shocks} is one scenario: K x n shocks to the position
% q (log points when @code{prep.norm.log}, so -0.2 is a fall of
% 1 - exp(-0.2) = 18%; level units otherwise, e.g. +1 = one percentage
% point on a yield), or K x 2n, the last n columns shocking the velocity
% dq/dt (q-units per year).  From the state at row @qcode{'Origin'}
% (default: the last valid row of @var{prep}) plus each shock, the
% model's field (optionally with the dissipation @qcode{'Gamma'}, 1/years)
% is integrated for @qcode{'Horizon'} periods (default 20).  The
% unshocked path is always scenario 1, labelled @qcode{'base'}.
%
% These are scenarios: single deterministic paths under the stated
% shock and the fitted dynamics, with no probability attached, not
% forecasts of what will happen, and no more credible than the model's
% own out-of-sample record (see @code{fin_backtest}).
%
% @var{S} has fields @code{labels} (1 x K+1), @code{shocks} (K+1 x 2n),
% @code{origin}, @code{t} (H+1 x 1, years after the origin),
% @code{level}, @code{q} (H+1 x n x K+1), @code{state} (normalised),
% @code{note}.  Option @qcode{'Labels'} names the shocked scenarios.
% @seealso{fin_fit, fin_forecast, fin_backtest}
% @end deftypefn
function S = fin_scenarios (model, prep, shocks, varargin)
  hlnn_check_nargin (nargin, 3, Inf, 'fin_scenarios');
  o = hlnn_options (struct ('Origin', [], 'Horizon', 20, 'Gamma', 0, 'Labels', {{}}, ...
                            'Substeps', 1), 'fin', 'fin_scenarios', varargin);
  fin_check_model (model, prep, 'fin_scenarios');
  n = prep.n;
  if (~isnumeric (shocks) || ~isreal (shocks) || ndims (shocks) ~= 2 ...
      || (size (shocks, 2) ~= n && size (shocks, 2) ~= 2 * n) || any (~isfinite (shocks(:))))
    error ('hlnn:fin:data', 'fin_scenarios: SHOCKS must be finite with %d or %d columns', n, 2 * n);
  end
  K = size (shocks, 1);
  if (size (shocks, 2) == n)
    shocks = [shocks, zeros(K, n)];
  end
  org = o.Origin;
  if (isempty (org))
    org = find (prep.valid, 1, 'last');
  end
  if (~isscalar (org) || org ~= fix (org) || org < 1 || org > numel (prep.valid) ...
      || ~prep.valid(org))
    error ('hlnn:fin:origin', 'fin_scenarios: Origin must be a row of PREP with a valid state');
  end
  H = o.Horizon;
  if (~isscalar (H) || H ~= fix (H) || H < 1)
    error ('hlnn:fin:horizon', 'fin_scenarios: Horizon must be a positive integer');
  end
  if (~isscalar (o.Gamma) || ~(o.Gamma >= 0) || ~isfinite (o.Gamma))
    error ('hlnn:fin:option', 'fin_scenarios: Gamma must be a finite number >= 0');
  end
  labels = o.Labels;
  if (isempty (labels))
    labels = arrayfun (@(k) sprintf ('shock %d', k), 1:K, 'UniformOutput', false);
  end
  if (~iscellstr (labels) || numel (labels) ~= K)
    error ('hlnn:fin:option', 'fin_scenarios: Labels must be a cell of %d strings', K);
  end
  shocks = [zeros(1, 2 * n); shocks];
  s = prep.norm.s;
  scale = [1 ./ s, prep.norm.tscale ./ s];
  X0 = bsxfun (@plus, prep.X(org, :), bsxfun (@times, shocks, scale));
  Z = fin_integrate (model, X0, prep.norm.dtau, H, o.Gamma * prep.norm.tscale, o.Substeps);
  Z = cat (3, X0, Z);                   % K+1 x 2n x H+1
  S.labels = [{'base'}, labels(:)'];
  S.shocks = shocks;
  S.origin = org;
  S.t = (0:H)' * prep.norm.dt;
  S.state = permute (Z, [3 2 1]);       % H+1 x 2n x K+1
  [S.level, S.q] = fin_inverse (prep, S.state(:, 1:n, :));
  S.note = ['deterministic what-if paths from shocked initial states under the ', ...
            'fitted dynamics; scenarios, not probabilities or forecasts'];
end

%!shared prep, m
%! t = (0:399)' / 12;
%! P = [5 + sin(t), 6 + 0.5 * cos(t)];
%! prep = fin_phase_space (t, P, 'Log', false, 'TrainWindow', [1 300], 'NoiseWarning', false);
%! m = fin_fit ('mlp', prep, 'Hidden', 8, 'Steps', 30);

%!test
%! S = fin_scenarios (m, prep, [1 0; 0 -2], 'Horizon', 6, 'Labels', {'up', 'down'});
%! assert (S.labels, {'base', 'up', 'down'});
%! assert (size (S.level), [7 2 3]);
%! assert (S.origin, 400);
%! % t = 0 is the shocked state itself, in level units
%! assert (S.level(1, :, 1), prep.P(400, :), 1e-12);
%! assert (S.level(1, :, 2), prep.P(400, :) + [1 0], 1e-12);
%! assert (S.level(1, :, 3), prep.P(400, :) + [0 -2], 1e-12);
%! % the base scenario is the forecast from the origin
%! F = fin_forecast (m, prep, 400, 1:6);
%! assert (squeeze (S.level(2:end, :, 1))', squeeze (F.level), 1e-12);
%! assert (~isempty (strfind (S.note, 'not probabilities')));

%!test
%! % a velocity shock enters in q-units per year
%! S = fin_scenarios (m, prep, [0 0 0.5 0], 'Origin', 350, 'Horizon', 1);
%! [~, ~, v] = fin_inverse (prep, S.state(1, :, 2));
%! assert (v, prep.v(350, :) + [0.5 0], 1e-12);

%!error <SHOCKS> fin_scenarios (m, prep, [1 2 3])
%!error <Origin> fin_scenarios (m, prep, [1 0], 'Origin', 2)
%!error <Labels> fin_scenarios (m, prep, [1 0], 'Labels', {'a', 'b'})
%!error <Invalid call> fin_scenarios (m, prep)

%!demo
%! D = fin_load_data ('ust-tcm-monthly');
%! prep = fin_phase_space (D.t, D.P, 'Log', false, 'VelocityWindow', 3);
%! model = fin_fit ('mlp', prep, 'Steps', 300);
%! S = fin_scenarios (model, prep, [1 1 1 1; -1 -1 -1 -1], 'Horizon', 24, 'Gamma', 1, ...
%!                    'Labels', {'+100bp', '-100bp'});
%! plot (S.t, squeeze (S.level(:, 4, :))); legend (S.labels); xlabel ('years'); ylabel ('10y yield, %');
%! title ('scenarios, not probabilities');
