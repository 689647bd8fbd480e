% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{F} =} fin_forecast (@var{model}, @var{prep}, @var{origin_idx}, @var{horizons})
% @deftypefnx {hlnn} {@var{F} =} fin_forecast (@dots{}, @var{name}, @var{value}, @dots{})
% Forecast prices or levels by integrating learned dynamics forward from
% each forecast origin.
%
% @var{model} is an MLP, HNN or LNN trained on the phase-space data
% @var{prep} (see @code{fin_fit}); @var{origin_idx} are rows of
% @var{prep} with a valid state (@code{prep.valid}); @var{horizons} are
% positive integers, in periods (rows).  From the state
% @code{prep.X(origin, :)}, which depends on rows up to the origin only,
% the model's field is integrated with RK4 (all origins at once; each row
% on its own), @qcode{'Substeps'} steps per period, and the position is
% mapped back through the normalisation of @var{prep}.
%
% Option @qcode{'Gamma'} (default 0, in 1/years of business time) adds
% the dissipation @code{-Gamma p} to the velocity equation on top of the
% model's own field, i.e. a velocity that decays with half-life
% log(2)/Gamma years when the model is otherwise flat.
%
% A forecast whose path leaves the finite numbers (a diverging field, or
% an LNN whose d2L/dqdot2 is singular somewhere on the path) is NaN, with
% warning @code{hlnn:fin:nonfinite}.
%
% @var{F} has fields @code{origin} (K x 1), @code{horizons} (1 x H),
% @code{state} (K x 2n x H, normalised), @code{q} (K x n x H, log price
% or level), @code{level} (K x n x H, price or level) and @code{t}
% (K x H, the times forecast).
% @seealso{fin_fit, fin_phase_space, fin_backtest, fin_scenarios}
% @end deftypefn
function F = fin_forecast (model, prep, origin_idx, horizons, varargin)
  hlnn_check_nargin (nargin, 4, Inf, 'fin_forecast');
  o = hlnn_options (struct ('Gamma', 0, 'Substeps', 1), 'fin', 'fin_forecast', varargin);
  fin_check_model (model, prep, 'fin_forecast');
  T = size (prep.X, 1);
  if (~is_index (origin_idx, T))
    error ('hlnn:fin:origin', 'fin_forecast: ORIGIN_IDX must be row indices of PREP');
  end
  origins = origin_idx(:);
  if (~all (prep.valid(origins)))
    error ('hlnn:fin:origin', 'fin_forecast: origin row %d has no valid state', ...
           origins(find (~prep.valid(origins), 1)));
  end
  if (~is_index (horizons, 1e5))
    error ('hlnn:fin:horizon', 'fin_forecast: HORIZONS must be positive integers (at most 1e5)');
  end
  horizons = horizons(:)';
  g = o.Gamma;
  if (~isnumeric (g) || ~isscalar (g) || ~(g >= 0) || ~isfinite (g))
    error ('hlnn:fin:option', 'fin_forecast: Gamma must be a finite number >= 0');
  end
  ns = o.Substeps;
  if (~isnumeric (ns) || ~isscalar (ns) || ns ~= fix (ns) || ns < 1)
    error ('hlnn:fin:option', 'fin_forecast: Substeps must be a positive integer');
  end
  Z = fin_integrate (model, prep.X(origins, :), prep.norm.dtau, max (horizons), ...
                     g * prep.norm.tscale, ns);
  bad = ~all (all (isfinite (Z), 2), 3);
  if (any (bad))
    warning ('hlnn:fin:nonfinite', ...
             ['fin_forecast: %d of %d forecasts are not finite (a %s field that ', ...
              'diverges or, for an LNN, a singular d2L/dqdot2); they are NaN'], ...
             nnz (bad), numel (bad), model.kind);
    Z(bad, :, :) = NaN;
  end
  F.origin = origins;
  F.horizons = horizons;
  F.state = Z(:, :, horizons);
  [F.level, F.q] = fin_inverse (prep, F.state);
  F.t = bsxfun (@plus, prep.t(origins), horizons * prep.norm.dt);
end

% a non-empty real full vector of integers in [1, hi]
function ok = is_index (x, hi)
  ok = isnumeric (x) && isreal (x) && ~issparse (x) && ~isempty (x) && isvector (x) ...
       && all (isfinite (x)) && all (x == fix (x)) && all (x >= 1) && all (x <= hi);
end

%!shared prep, m
%! t = (0:399)' / 260;
%! P = 100 * exp (0.05 * sin (t * 2 * pi * [1 1.5]));
%! prep = fin_phase_space (t, P, 'TrainWindow', [1 300], 'NoiseWarning', false);
%! m = fin_fit ('mlp', prep, 'Hidden', 8, 'Steps', 30);

%!test
%! F = fin_forecast (m, prep, [300 310 320], [1 5 20]);
%! assert (size (F.state), [3 4 3]);
%! assert (size (F.level), [3 2 3]);
%! assert (F.t(:, 1), prep.t([300 310 320]) + 1 / 260, 1e-12);
%! % one step equals a hand-written RK4 step over mlp_predict
%! x = prep.X(310, :); h = prep.norm.dtau; f = @(z) mlp_predict (m, z);
%! k1 = f(x); k2 = f(x + h/2*k1); k3 = f(x + h/2*k2); k4 = f(x + h*k3);
%! assert (F.state(2, :, 1), x + h/6*(k1 + 2*k2 + 2*k3 + k4), 1e-14);
%! assert (F.level(2, :, 1), fin_inverse (prep, F.state(2, :, 1)), 1e-12);

%!test
%! % each origin evolves on its own; more substeps barely move a smooth field
%! A = fin_forecast (m, prep, [300 310], 5);
%! B = fin_forecast (m, prep, 310, 5);
%! assert (A.state(2, :), B.state, 1e-13);
%! C = fin_forecast (m, prep, 310, 5, 'Substeps', 4);
%! assert (C.q, B.q, 1e-8);

%!test
%! % dissipation: under a zero field the velocity decays by RK4's factor
%! % for dp/dtau = -gamma p (gamma per year, so gamma dtau per step in tau = gamma dt)
%! z = m;
%! z.W{end}(:) = 0; z.b{end}(:) = 0;
%! F = fin_forecast (z, prep, 320, 20, 'Gamma', 13);
%! x = 13 / 260;
%! decay = (1 - x + x^2/2 - x^3/6 + x^4/24) ^ 20;
%! assert (abs (decay - exp (-1)) < 1e-6);
%! assert (F.state(1, 3:4), prep.X(320, 3:4) * decay, 1e-9);
%! assert (F.state(1, 1:2), prep.X(320, 1:2));

%!warning <not finite>
%! z = m;
%! z.b{end}(:) = 1e308;
%! F = fin_forecast (z, prep, [300 310], 3);
%! assert (all (isnan (F.q(:))));

%!error <no valid state> fin_forecast (m, prep, 2, 1)
%!error <HORIZONS> fin_forecast (m, prep, 300, 0)
%!error <Gamma> fin_forecast (m, prep, 300, 1, 'Gamma', -1)
%!error <ORIGIN_IDX> fin_forecast (m, prep, 401, 1)
%!error <model> fin_forecast (struct ('kind', 'gru'), prep, 300, 1)
%!error <Invalid call> fin_forecast (m, prep, 300)

%!demo
%! D = fin_load_data ('ust-tcm-monthly');
%! prep = fin_phase_space (D.t, D.P, 'Log', false, 'VelocityWindow', 3, 'TrainWindow', [1 400]);
%! model = fin_fit ('mlp', prep, 'Steps', 300);
%! F = fin_forecast (model, prep, 400, 1:24, 'Gamma', 1);
%! plot (D.t(380:424), D.P(380:424, 4), 'k-', F.t, squeeze (F.level(1, 4, :)), 'r.-');
%! legend ('10y yield', 'forecast from month 400'); xlabel ('year'); ylabel ('%');
