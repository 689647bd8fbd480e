% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{data} =} hlnn_dataset (@var{sys})
% @deftypefnx {hlnn} {@var{data} =} hlnn_dataset (@var{sys}, @var{option}, @var{value}, @dots{})
% Trajectories of an analytic system as training data, with the
% conventions of Greydanus et al. (2019).
%
% Initial states come from the system's seeded sampler
% (@code{sys.sample}); each is integrated over @code{TimeSpan} and
% observed at @code{Points} equally spaced times (both ends included);
% Gaussian noise of deviation @code{Noise} is added to the observed
% states, while the derivatives are those of the clean states, exactly
% from the field (Greydanus et al.'s choice), or, with
% @code{'Derivative'}, estimated from the noisy observations alone.
% Trajectories are split, whole, into training and test sets.
%
% Options (defaults from @code{sys.dataset}: Greydanus et al.'s values
% where they have the system):
% @table @asis
% @item @qcode{'Trajectories'}, @qcode{'Points'}, @qcode{'TimeSpan'}
% number of trajectories, points per trajectory, @code{[t0 t1]}
% (spring 50, 30, [0 3]; pendulum 50, 45, [0 3]; two_body 1000, 50,
% [0 20]; three_body 5000, 20, [0 5]).
% @item @qcode{'Noise'}
% deviation of the observation noise (spring, pendulum 0.1, orbits 0).
% @item @qcode{'TestFraction'}
% share of the trajectories held out, the last ones drawn (0.5 spring and
% pendulum, 0.2 orbits).
% @item @qcode{'Seed'}
% integer seed (default 0) of the initial states and, offset, of the
% noise: the same seed gives the same data set.
% @item @qcode{'RadiusRange'}, @qcode{'OrbitNoise'}, @qcode{'EnergyRange'}, @qcode{'AngleMax'}, @qcode{'RateStd'}
% override the system's sampler settings (those it has; see
% @code{hlnn_system}).
% @item @qcode{'Method'}, @qcode{'RelTol'}, @qcode{'AbsTol'}
% the integrator (default @qcode{'rk8pd'} with both tolerances
% @code{1e-10}; every trajectory has its own step control).
% @item @qcode{'Derivative'}
% @qcode{'exact'} (default), @qcode{'central'} or @qcode{'sgolay'}
% (see @code{hlnn_derivative}, with @qcode{'Window'} and
% @qcode{'Order'}); estimates replace @code{dx} and @code{test_dx}, the
% exact values stay in @code{dx_exact} and @code{test_dx_exact}.
% @end table
%
% @var{data} has @code{x}, @code{dx} (training states and their time
% derivatives, one row per observation, trajectory after trajectory),
% @code{t} and @code{traj} (time and trajectory number of each row),
% @code{energy} (true energy of the clean state), the same with prefix
% @code{test_}, @code{dx_exact}, @code{test_dx_exact}, @code{times}
% (the observation times), @code{X0} (all initial states) and
% @code{meta} (system, parameters, sampler and options).  For the
% Lagrangian double pendulum the states are @code{[q qdot]} and an LNN's
% targets are @code{dx(:, n+1:end)}.
%
% Example:
% @example
% data = hlnn_dataset (hlnn_system ('spring'), 'Seed', 1);
% size (data.x)       % 25 trajectories x 30 points = 750 x 2
% @end example
% @seealso{hlnn_system, hlnn_derivative, hlnn_rollout}
% @end deftypefn
function data = hlnn_dataset (sys, varargin)
  hlnn_check_nargin (nargin, 1, Inf, 'hlnn_dataset');
  hlnn_check_system (sys, 'SYS', 'hlnn_dataset', 'hlnn:dataset:system', ...
                     {'param_names', 'sampler', 'dataset'});
  defaults = sys.dataset;
  defaults.Seed = 0;
  defaults.Method = 'rk8pd';
  defaults.RelTol = 1e-10;
  defaults.AbsTol = 1e-10;
  defaults.Derivative = 'exact';
  defaults.Window = 7;
  defaults.Order = 2;
  smp = sys.sampler;
  snames = fieldnames (smp);
  for j = 1:numel (snames)
    defaults.(snames{j}) = smp.(snames{j});
  end
  opts = hlnn_options (defaults, 'dataset', 'hlnn_dataset', varargin);
  check_opts (opts);
  for j = 1:numel (snames)
    smp.(snames{j}) = opts.(snames{j});
  end
  % the sampler with any overrides, validated by hlnn_system
  args = [sys.param_names; num2cell(sys.params)];
  sargs = [snames'; struct2cell(smp)'];
  sys = hlnn_system (sys.name, args{:}, sargs{:});

  N = opts.Trajectories;
  P = opts.Points;
  times = linspace (opts.TimeSpan(1), opts.TimeSpan(2), P)';
  X0 = sys.sample (N, opts.Seed);
  [~, Xs] = hlnn_rollout (sys, X0, times, 'Method', opts.Method, ...
                          'RelTol', opts.RelTol, 'AbsTol', opts.AbsTol, ...
                          'Independent', true);
  d = sys.d;
  Xs = reshape (Xs, P, d, N);
  clean = reshape (permute (Xs, [1 3 2]), P * N, d);
  dx_exact = sys.field (clean);
  energy = sys.energy (clean);
  x = clean;
  if (opts.Noise > 0)
    sn = randn ('state');
    randn ('state', mod (opts.Seed + 104729, 2^32));
    noise = opts.Noise * randn (P * N, d);
    randn ('state', sn);
    x = clean + noise;
  end
  if (strcmpi (opts.Derivative, 'exact'))
    dx = dx_exact;
  else
    obs = permute (reshape (x, P, N, d), [1 3 2]);
    est = hlnn_derivative (times, obs, 'Method', lower (opts.Derivative), ...
                           'Window', opts.Window, 'Order', opts.Order);
    dx = reshape (permute (est, [1 3 2]), P * N, d);
  end
  t = repmat (times, N, 1);
  traj = reshape (repmat (1:N, P, 1), [], 1);
  ntest = round (opts.TestFraction * N);
  tr = traj <= N - ntest;
  te = ~tr;

  data.x = x(tr, :);
  data.dx = dx(tr, :);
  data.t = t(tr);
  data.traj = traj(tr);
  data.energy = energy(tr);
  data.dx_exact = dx_exact(tr, :);
  data.test_x = x(te, :);
  data.test_dx = dx(te, :);
  data.test_t = t(te);
  data.test_traj = traj(te);
  data.test_energy = energy(te);
  data.test_dx_exact = dx_exact(te, :);
  data.times = times;
  data.X0 = X0;
  data.meta = struct ('system', sys.name, 'params', sys.params, ...
                      'param_names', {sys.param_names}, 'form', sys.form, ...
                      'sampler', smp, 'options', opts);
end

function check_opts (o)
  pos_int = {'Trajectories', 'Points'};
  for j = 1:2
    v = o.(pos_int{j});
    if (~isnumeric (v) || ~isscalar (v) || v ~= fix (v) || v < 1 + (j == 2) * 2)
      error ('hlnn:dataset:option', 'hlnn_dataset: %s must be an integer >= %d', ...
             pos_int{j}, 1 + (j == 2) * 2);
    end
  end
  v = o.TimeSpan;
  if (~isnumeric (v) || numel (v) ~= 2 || any (~isfinite (v)) || v(2) <= v(1))
    error ('hlnn:dataset:option', 'hlnn_dataset: TimeSpan must be [t0 t1] with t0 < t1');
  end
  v = o.Noise;
  if (~isnumeric (v) || ~isscalar (v) || ~isfinite (v) || v < 0)
    error ('hlnn:dataset:option', 'hlnn_dataset: Noise must be a finite scalar >= 0');
  end
  v = o.TestFraction;
  if (~isnumeric (v) || ~isscalar (v) || ~(v >= 0 && v < 1))
    error ('hlnn:dataset:option', 'hlnn_dataset: TestFraction must be in [0, 1)');
  end
  if (round (o.TestFraction * o.Trajectories) >= o.Trajectories)
    error ('hlnn:dataset:option', 'hlnn_dataset: no training trajectory left');
  end
  v = o.Seed;
  if (~isnumeric (v) || ~isscalar (v) || v ~= fix (v) || v < 0 || v >= 2^32)
    error ('hlnn:dataset:option', 'hlnn_dataset: Seed must be an integer in [0, 2^32)');
  end
  if (~ischar (o.Derivative) || ~any (strcmpi (o.Derivative, {'exact', 'central', 'sgolay'})))
    error ('hlnn:dataset:option', ...
           'hlnn_dataset: Derivative must be ''exact'', ''central'' or ''sgolay''');
  end
end

%!test
%! % Greydanus et al.'s spring: 50 x 30 points, half held out by trajectory
%! sys = hlnn_system ('spring');
%! data = hlnn_dataset (sys);
%! assert (size (data.x), [750 2]);
%! assert (size (data.test_x), [750 2]);
%! assert (isempty (intersect (data.traj, data.test_traj)));
%! assert (data.times, linspace (0, 3, 30)');
%! % exact derivatives belong to the clean states, the noise has sd 0.1
%! dn = hlnn_dataset (sys, 'Noise', 0);
%! assert (isequal (data.dx, dn.dx) && isequal (data.dx, data.dx_exact));
%! noise = [data.x; data.test_x] - [dn.x; dn.test_x];
%! assert (std (noise(:)), 0.1, 0.01);
%! assert (abs (mean (noise(:))) < 0.01);

%!test
%! % without noise: states on the exact orbits, derivatives are the field
%! sys = hlnn_system ('spring');
%! data = hlnn_dataset (sys, 'Noise', 0, 'Trajectories', 6, 'Seed', 3);
%! assert (data.dx, sys.field (data.x), 1e-15);
%! k = data.traj == 2;
%! x0 = data.X0(2, :);
%! tt = data.t(k);
%! assert (data.x(k, :), [x0(1) * cos(2 * tt) + x0(2) * sin(2 * tt), ...
%!                        -x0(1) * sin(2 * tt) + x0(2) * cos(2 * tt)], 1e-9);
%! assert (data.energy, sys.energy (data.x), 1e-15);

%!test
%! % the same seed gives the same data set; another seed another one
%! sys = hlnn_system ('pendulum');
%! a = hlnn_dataset (sys, 'Trajectories', 4, 'Seed', 7);
%! b = hlnn_dataset (sys, 'Trajectories', 4, 'Seed', 7);
%! c = hlnn_dataset (sys, 'Trajectories', 4, 'Seed', 8);
%! assert (isequal (a, b));
%! assert (~isequal (a.x, c.x));

%!test
%! % two-body orbits: energy conserved along every trajectory to 1e-8
%! sys = hlnn_system ('two_body');
%! data = hlnn_dataset (sys, 'Trajectories', 5, 'Points', 20);
%! assert (size (data.x), [80 8]);
%! for k = 1:4
%!   e = data.energy (data.traj == k);
%!   assert (max (abs (e - e(1))) < 1e-8);
%! end

%!test
%! % derivatives from observations: Savitzky-Golay closer than central
%! sys = hlnn_system ('spring');
%! o = {'Trajectories', 10, 'Points', 60, 'Noise', 0.01, 'Seed', 2};
%! dc = hlnn_dataset (sys, o{:}, 'Derivative', 'central');
%! ds = hlnn_dataset (sys, o{:}, 'Derivative', 'sgolay', 'Window', 9);
%! ec = sqrt (mean ((dc.dx(:) - dc.dx_exact(:)) .^ 2));
%! es = sqrt (mean ((ds.dx(:) - ds.dx_exact(:)) .^ 2));
%! assert (isequal (dc.x, ds.x));
%! assert (es < ec);

%!test
%! % sampler overrides reach the initial states
%! data = hlnn_dataset (hlnn_system ('spring'), 'RadiusRange', [0.5 0.5], ...
%!                      'Trajectories', 4, 'Noise', 0);
%! assert (sqrt (sum (data.X0 .^ 2, 2)), 0.5 * ones (4, 1), 1e-15);

%!error <SYS must be made> hlnn_dataset (struct ('kind', 'mlp'))
%!error <unknown option 'EnergyRange'> hlnn_dataset (hlnn_system ('spring'), 'EnergyRange', [0 1])
%!error <Points must be> hlnn_dataset (hlnn_system ('spring'), 'Points', 2)
%!error <TestFraction> hlnn_dataset (hlnn_system ('spring'), 'TestFraction', 1)
%!error <Derivative must be> hlnn_dataset (hlnn_system ('spring'), 'Derivative', 'spline')
%!error <Invalid call> hlnn_dataset ()

%!demo
%! data = hlnn_dataset (hlnn_system ('pendulum'), 'Seed', 1);
%! plot (data.x(:, 1), data.x(:, 2), '.', data.test_x(:, 1), data.test_x(:, 2), '.');
%! xlabel ('q'); ylabel ('p'); legend ('train', 'test');
