% -*- texinfo -*-
% @deftypefn  {hlnn} {[@var{T}, @var{Xs}] =} hlnn_rollout (@var{src}, @var{X0}, @var{t})
% @deftypefnx {hlnn} {[@var{T}, @var{Xs}, @var{stats}] =} hlnn_rollout (@var{src}, @var{X0}, @var{t}, @var{option}, @var{value}, @dots{})
% Integrate K initial states together through a learned or analytic
% vector field.
%
% @var{src} is a system struct from @code{hlnn_system}, a model struct of
% kind @qcode{'hnn'} (the learned field @code{[dH/dp, -dH/dq - gamma p]}
% of @code{hnn_field}, state @code{[q p]}) or of kind @qcode{'mlp'} whose
% output width equals its input width (the network is the field).
% A model of kind @qcode{'lnn'} moves its state @code{[q qdot]} along
% @code{[qdot, lnn_accel(q, qdot)]}; a state where the learned mass
% matrix is singular stops the rollout (error @code{hlnn:rollout:singular}).  The rows of @var{X0} are
% the K initial states (K x d); @var{t} lists strictly increasing output
% times, @code{t(1)} being the time of @var{X0}.
%
% @var{T} is @code{t(:)} and @var{Xs} is T x d x K (time x state x
% trajectory): @code{Xs(:, :, k)} is trajectory k with one row per time.
% All K trajectories advance together, so a learned field is evaluated as
% one batch per stage.
%
% Options (name/value pairs or a struct):
% @table @asis
% @item @qcode{'Method'}
% @qcode{'rk8pd'} (default; GSL Prince-Dormand 8(9), adaptive),
% @qcode{'rkf45'} (adaptive), @qcode{'msbdf'} (adaptive BDF for stiff
% fields; its Jacobian is taken by central differences of the field),
% @qcode{'rk4'}, @qcode{'midpoint'} (implicit midpoint, symplectic, order
% 2), @qcode{'gl4'} (2-stage Gauss-Legendre, symplectic, order 4),
% @qcode{'leapfrog'} (Stormer-Verlet, order 2; separable systems only) or
% @qcode{'variational'} (lnn models only: the midpoint discrete
% Euler--Lagrange equations of the learned L, symplectic and symmetric,
% order 2; it never solves for accelerations, and the learned energy
% oscillates instead of drifting; Newton's method with the exact Hessian
% of L, to @qcode{'SolveTol'} within @qcode{'SolveMaxIter'}).
% @item @qcode{'Step'}
% Fixed-step methods: the largest step; every output interval is cut into
% equal steps no longer than this (default 0: one step per interval).
% Adaptive methods: the first trial step.
% @item @qcode{'RelTol'}, @qcode{'AbsTol'}
% Adaptive methods: each step's error estimate in component i must stay
% below @code{AbsTol + RelTol |x_i|} (defaults 1e-9, 1e-9).
% @item @qcode{'MaxSteps'}
% Adaptive methods: steps allowed per output interval (default 1e6).
% @item @qcode{'Independent'}
% Adaptive methods: false (default) drives the whole batch with one step
% sequence, chosen for the hardest trajectory, so every trajectory meets
% the tolerance but the result differs in the last bits from a rollout of
% that trajectory alone; true gives every trajectory its own step control
% (identical to single rollouts, but one field call per trajectory).
% @item @qcode{'Interpolate'}
% Adaptive methods: false (default) ends a step on every output time, so
% N output times cost at least N steps; true lets the tolerance alone
% choose the steps over the whole span and interpolates the outputs
% inside a step (cubic Hermite on the step's end values and slopes), as
% @code{solve_ivp} with @code{t_eval} and @code{ode45} do.  Much faster
% for finely sampled outputs; between step ends the error is that of the
% interpolant, O(h^4).
% @item @qcode{'Solver'}
% midpoint, gl4: @qcode{'fixedpoint'} (default; needs
% @code{h |A| Lip(F) < 1}) or @qcode{'newton'} (simplified Newton with a
% central-difference Jacobian; for larger steps or stiff fields).
% @item @qcode{'SolveTol'}, @qcode{'SolveMaxIter'}
% midpoint, gl4: the stage equations of a trajectory must be solved to
% @code{SolveTol * max (1, |x|, |Z|)} within @code{SolveMaxIter}
% iterations (defaults 1e-12, 50), else the error
% @code{hlnn:rollout:maxiter}; once there, iteration goes on to round-off
% so that energy does not drift.  variational: Newton's update of q1 must
% fall to @code{SolveTol * max (1, |q1|)} within @code{SolveMaxIter}
% iterations; its quadratic convergence leaves q1 at round-off then.
% @end table
%
% @var{stats} counts @code{steps}, @code{rejected} steps, field
% @code{calls}, state @code{rows} evaluated, and implicit-solve
% @code{iters} (total) and @code{iters_max} (worst step), plus
% @code{seconds} of wall time.
%
% Example:
% @example
% sys = hlnn_system ('pendulum');
% [t, Xs] = hlnn_rollout (sys, sys.sample (4, 1), linspace (0, 10, 101), ...
%                         'Method', 'gl4', 'Step', 0.01);
% plot (squeeze (Xs(:, 1, :)), squeeze (Xs(:, 2, :)))
% @end example
% @seealso{hlnn_system, hlnn_energy_drift, hlnn_dataset}
% @end deftypefn
function [T, Xs, stats] = hlnn_rollout (src, X0, t, varargin)
  hlnn_check_nargin (nargin, 3, Inf, 'hlnn_rollout');
  if (~isstruct (src) || ~isscalar (src) || ~isfield (src, 'kind') ...
      || ~ischar (src.kind))
    error ('hlnn:rollout:source', ['hlnn_rollout: SRC must be a system struct ' ...
           '(hlnn_system) or a model struct (mlp_create)']);
  end
  if (~isnumeric (t) || ~isvector (t) || isempty (t))
    error ('hlnn:rollout:time', 'hlnn_rollout: T must be a non-empty vector of times');
  end
  t = double (t(:));
  if (any (~isfinite (t)) || any (diff (t) <= 0))
    error ('hlnn:rollout:time', 'hlnn_rollout: T must be finite and strictly increasing');
  end
  defaults = struct ('Method', 'rk8pd', 'Step', 0, 'RelTol', 1e-9, 'AbsTol', 1e-9, ...
                     'MaxSteps', 1e6, 'Independent', false, 'Interpolate', false, ...
                     'Solver', 'fixedpoint', ...
                     'SolveTol', 1e-12, 'SolveMaxIter', 50);
  opts = hlnn_options (defaults, 'rollout', 'hlnn_rollout', varargin);
  methods = {'rk4', 'midpoint', 'gl4', 'leapfrog', 'rkf45', 'rk8pd', 'msbdf', ...
             'variational'};
  if (~ischar (opts.Method) || ~any (strcmpi (opts.Method, methods)))
    error ('hlnn:rollout:method', 'hlnn_rollout: Method must be one of: %s', ...
           strjoin (methods, ', '));
  end
  if (~ischar (opts.Solver) || ~any (strcmpi (opts.Solver, {'fixedpoint', 'newton'})))
    error ('hlnn:rollout:solver', 'hlnn_rollout: Solver must be ''fixedpoint'' or ''newton''');
  end
  nonneg = {'Step', 'RelTol', 'AbsTol', 'MaxSteps', 'SolveTol', 'SolveMaxIter'};
  for j = 1:numel (nonneg)
    v = opts.(nonneg{j});
    if (~isnumeric (v) || ~isreal (v) || ~isscalar (v) || ~isfinite (v) || v < 0)
      error ('hlnn:rollout:option', 'hlnn_rollout: %s must be a finite scalar >= 0', ...
             nonneg{j});
    end
  end
  for name = {'Independent', 'Interpolate'}
    v = opts.(name{1});
    if (~(islogical (v) || isnumeric (v)) || ~isscalar (v))
      error ('hlnn:rollout:option', 'hlnn_rollout: %s must be true or false', name{1});
    end
  end
  c = struct ('method', lower (opts.Method), 'step', double (opts.Step), ...
              'reltol', double (opts.RelTol), 'abstol', double (opts.AbsTol), ...
              'max_steps', double (opts.MaxSteps), ...
              'independent', double (logical (opts.Independent)), ...
              'interpolate', double (logical (opts.Interpolate)), ...
              'solver', lower (opts.Solver), 'solve_tol', double (opts.SolveTol), ...
              'solve_maxit', double (opts.SolveMaxIter));
  if (strcmp (src.kind, 'system'))
    hlnn_check_system (src, 'SRC', 'hlnn_rollout', 'hlnn:rollout:source');
    core = struct ('kind', 'system', 'name', src.name, 'params', src.params);
  else
    core = src;
  end
  t0 = tic ();
  [Xs, stats] = hlnn_rollout_mex (core, X0, t, c);
  stats.seconds = toc (t0);
  T = t;
end

%!shared sys, t
%! sys = hlnn_system ('spring');
%! t = linspace (0, 3, 31);

%!test
%! % adaptive rollout of the spring (omega = 2) against the exact solution
%! X0 = [0.6 -0.8; 0.1 0.2];
%! [T, Xs] = hlnn_rollout (sys, X0, t, 'RelTol', 1e-11, 'AbsTol', 1e-11);
%! assert (T, t(:));
%! assert (size (Xs), [31 2 2]);
%! for k = 1:2
%!   q = X0(k, 1) * cos (2 * T) + X0(k, 2) * sin (2 * T);
%!   p = -X0(k, 1) * sin (2 * T) + X0(k, 2) * cos (2 * T);
%!   assert (Xs(:, :, k), [q p], 1e-9);
%! end

%!test
%! % on two threads a learned field's states are dealt between them
%! % (split.h): the same rollouts to rounding, every model kind, explicit,
%! % implicit (gl4 calls the field on the unconverged states only) and
%! % adaptive steps, and the thread count is left as it was
%! s0 = hlnn ();
%! X0 = 0.3 * [cos((1:15)') sin((1:15)')];
%! % the LNN's seed gives an untrained L whose field is regular on X0
%! % (with seeds 2, 3 and 5 rk8pd stalls on it)
%! models = {hnn_create(1, [16 16], 'Seed', 1), ...
%!           mlp_create([2 16 2], 'Seed', 2), ...
%!           lnn_create(1, [16 16], 'Seed', 4)};
%! unwind_protect
%!   for i = 1:numel (models)
%!     for m = {'rk4', 'gl4', 'rk8pd'}
%!       s1 = hlnn (1);
%!       [~, X1] = hlnn_rollout (models{i}, X0, t, 'Method', m{1}, 'Step', 0.05);
%!       s2 = hlnn (2);
%!       [~, X2] = hlnn_rollout (models{i}, X0, t, 'Method', m{1}, 'Step', 0.05);
%!       assert (X2, X1, 1e-12 * max (abs (X1(:))));
%!       assert (hlnn ().threads, s2.threads);
%!     end
%!   end
%! unwind_protect_cleanup
%!   s0 = hlnn (s0.threads);
%! end_unwind_protect

%!test
%! % fixed-step methods: a batch equals single rollouts bit for bit
%! pend = hlnn_system ('pendulum');
%! X0 = pend.sample (4, 2);
%! for m = {'rk4', 'midpoint', 'gl4', 'leapfrog'}
%!   [~, Xb] = hlnn_rollout (pend, X0, t, 'Method', m{1}, 'Step', 0.02);
%!   for k = 1:4
%!     [~, X1] = hlnn_rollout (pend, X0(k, :), t, 'Method', m{1}, 'Step', 0.02);
%!     assert (isequal (Xb(:, :, k), X1), m{1});
%!   end
%! end

%!test
%! % gl4 keeps the pendulum's energy error bounded, rk4's grows: largest
%! % error over t in [490, 500] against t in [0, 10]
%! pend = hlnn_system ('pendulum');
%! X0 = [2.5 0];
%! tt = 0:0.5:500;
%! [~, Xg] = hlnn_rollout (pend, X0, tt, 'Method', 'gl4', 'Step', 0.1);
%! [~, Xr] = hlnn_rollout (pend, X0, tt, 'Method', 'rk4', 'Step', 0.1);
%! E0 = pend.energy (X0);
%! eg = abs (pend.energy (Xg) - E0);
%! er = abs (pend.energy (Xr) - E0);
%! assert (max (eg(end-20:end)) < 2 * max (eg(1:21)));
%! assert (max (er(end-20:end)) > 10 * max (er(1:21)));

%!test
%! % an mlp field: rk4 through C equals rk4 written out with mlp_predict
%! m = mlp_create ([2 8 2], 'Seed', 3);
%! X0 = [0.1 0.2; -0.3 0.5; 1 0];
%! h = 0.05;
%! [~, Xs] = hlnn_rollout (m, X0, [0 h], 'Method', 'rk4');
%! f = @(X) mlp_predict (m, X);
%! k1 = f (X0); k2 = f (X0 + h/2 * k1); k3 = f (X0 + h/2 * k2); k4 = f (X0 + h * k3);
%! X1 = X0 + h/6 * (k1 + 2 * k2 + 2 * k3 + k4);
%! assert (squeeze (Xs(2, :, :))', X1, 1e-14);

%!test
%! % an hnn model: rk4 through C equals rk4 written out with hnn_field,
%! % and gl4 agrees with rk8pd to its order
%! m = hnn_create (1, [16 16], 'Seed', 2);
%! X0 = [0.3 0.1; -0.5 0.4];
%! h = 0.05;
%! [~, Xs] = hlnn_rollout (m, X0, [0 h], 'Method', 'rk4');
%! f = @(X) hnn_field (m, X);
%! k1 = f (X0); k2 = f (X0 + h/2 * k1); k3 = f (X0 + h/2 * k2); k4 = f (X0 + h * k3);
%! X1 = X0 + h/6 * (k1 + 2 * k2 + 2 * k3 + k4);
%! assert (squeeze (Xs(2, :, :))', X1, 1e-14);
%! [~, Xg] = hlnn_rollout (m, X0, 0:1:10, 'Method', 'gl4', 'Step', 0.05);
%! [~, Xr] = hlnn_rollout (m, X0, 0:1:10, 'RelTol', 1e-12, 'AbsTol', 1e-12);
%! assert (Xg, Xr, 1e-7);

%!test
%! % an lnn model: state [q qdot], field [qdot, lnn_accel]; rk4 through C
%! % equals rk4 written out with lnn_accel
%! m = lnn_create (1, [16 16], 'Seed', 3);
%! X0 = [0.3 0.1; -0.5 0.4];
%! h = 0.05;
%! [~, Xs] = hlnn_rollout (m, X0, [0 h], 'Method', 'rk4');
%! f = @(X) [X(:, 2), lnn_accel(m, X(:, 1), X(:, 2))];
%! k1 = f (X0); k2 = f (X0 + h/2 * k1); k3 = f (X0 + h/2 * k2); k4 = f (X0 + h * k3);
%! X1 = X0 + h/6 * (k1 + 2 * k2 + 2 * k3 + k4);
%! assert (squeeze (Xs(2, :, :))', X1, 1e-12 * max (abs (X1(:))));

%!test
%! % independent adaptive drivers equal single rollouts; stats counted
%! X0 = [1 0; 0 0.5; 0.2 0.2];
%! [~, Xb, st] = hlnn_rollout (sys, X0, t, 'Method', 'rkf45', 'Independent', true);
%! [~, X1] = hlnn_rollout (sys, X0(2, :), t, 'Method', 'rkf45');
%! assert (isequal (Xb(:, :, 2), X1));
%! assert (st.steps > 0 && st.calls >= 6 * st.steps && st.seconds >= 0);

%!test
%! % gl4 with Newton takes steps where fixed-point iteration diverges
%! [~, Xs] = hlnn_rollout (sys, [1 0], [0 2], 'Method', 'gl4', 'Solver', 'newton');
%! z = 2 * 2; c = 1 - z^2 / 12;   % (2,2) Pade approximant of exp (i z)
%! assert (Xs(2, :), [c^2 - z^2/4, -c * z] / (c^2 + z^2/4), 1e-12);

%!test
%! % variational rollout of a learned Lagrangian (spring, omega = 2): agrees
%! % with a fine rk4 to O(h^2), and over 95 periods its learned energy
%! % oscillates without drift where rk4 at the same step drifts
%! q = linspace (-1.5, 1.5, 15)';
%! [Q, Qd] = meshgrid (q, q);
%! m = lnn_create (1, [16 16], 'Seed', 3);
%! m = lnn_train (m, Q(:), Qd(:), -4 * Q(:), 'Steps', 1500, ...
%!                'LearningRate', 3e-3, 'Verbose', false);
%! X0 = [1 0; 0.3 -0.8];
%! [~, Xv, st] = hlnn_rollout (m, X0, [0 2], 'Method', 'variational', 'Step', 0.01);
%! [~, Xr] = hlnn_rollout (m, X0, [0 2], 'Method', 'rk4', 'Step', 1e-3);
%! assert (st.steps, 200);
%! assert (Xv, Xr, 1e-3);
%! t = 0:0.1:300;
%! [~, Xv] = hlnn_rollout (m, X0, t, 'Method', 'variational', 'Step', 0.1);
%! [~, Xr] = hlnn_rollout (m, X0, t, 'Method', 'rk4', 'Step', 0.1);
%! half = floor (numel (t) / 2);
%! for k = 1:2
%!   Ev = abs (lnn_energy (m, Xv(:,1,k), Xv(:,2,k)) - lnn_energy (m, X0(k,1), X0(k,2)));
%!   Er = abs (lnn_energy (m, Xr(:,1,k), Xr(:,2,k)) - lnn_energy (m, X0(k,1), X0(k,2)));
%!   assert (max (Ev(half:end)) < 1.01 * max (Ev(1:half)));
%!   assert (max (Er(half:end)) > 1.5 * max (Er(1:half)));
%! end

%!test
%! % Interpolate: steps set by the tolerance alone, outputs interpolated;
%! % against the exact spring solution at 2001 output times
%! X0 = [0.6 -0.8; 0.1 0.2];
%! tt = linspace (0, 20, 2001);
%! [~, Xd, sd] = hlnn_rollout (sys, X0, tt, 'Method', 'rkf45', 'RelTol', 1e-8, ...
%!                             'AbsTol', 1e-8, 'Interpolate', true, 'Step', 0.01);
%! [~, Xs, ss] = hlnn_rollout (sys, X0, tt, 'Method', 'rkf45', 'RelTol', 1e-8, ...
%!                             'AbsTol', 1e-8);
%! assert (ss.steps >= 2000);
%! assert (sd.steps < ss.steps / 2);
%! for k = 1:2
%!   q = X0(k, 1) * cos (2 * tt') + X0(k, 2) * sin (2 * tt');
%!   assert (Xd(:, 1, k), q, 1e-6);
%!   assert (Xs(:, 1, k), q, 1e-8);
%! end
%! % the steps do not depend on the outputs asked for (same first step)
%! [~, X2] = hlnn_rollout (sys, X0, [0 20], 'Method', 'rkf45', 'RelTol', 1e-8, ...
%!                         'AbsTol', 1e-8, 'Interpolate', true, 'Step', 0.01);
%! assert (X2(2, :, :), Xd(end, :, :), 1e-14);
%! % independent: each trajectory as alone
%! [~, Xi] = hlnn_rollout (sys, X0, tt, 'Method', 'rk8pd', 'Interpolate', true, ...
%!                         'Independent', true);
%! [~, X1] = hlnn_rollout (sys, X0(2, :), tt, 'Method', 'rk8pd', 'Interpolate', true);
%! assert (Xi(:, :, 2), X1(:, :, 1));

%!test
%! % msbdf has no exact end slope from GSL: one more call per step; the
%! % interpolated rollout is as accurate with far fewer steps
%! X0 = [0.6 -0.8];
%! tt = linspace (0, 5, 501);
%! [~, Xd, sd] = hlnn_rollout (sys, X0, tt, 'Method', 'msbdf', 'RelTol', 1e-8, ...
%!                             'AbsTol', 1e-8, 'Interpolate', true);
%! [~, ~, ss] = hlnn_rollout (sys, X0, tt, 'Method', 'msbdf', 'RelTol', 1e-8, ...
%!                            'AbsTol', 1e-8);
%! assert (sd.steps < ss.steps / 5);
%! assert (Xd(:, 1), 0.6 * cos (2 * tt') - 0.8 * sin (2 * tt'), 1e-5);

%!error <Interpolate must be true or false> hlnn_rollout (sys, [1 0], t, 'Interpolate', 'yes')
%!error <variational needs a learned Lagrangian> hlnn_rollout (hnn_create (1, 4), [1 0], t, 'Method', 'variational')
%!error <variational needs a learned Lagrangian> hlnn_rollout (sys, [1 0], t, 'Method', 'variational')
%!error id=hlnn:rollout:singular
%! m = lnn_create (1, 4);
%! m.W{1}(:) = 0;             % L constant in the state: A = 0
%! hlnn_rollout (m, [1 0], [0 1], 'Method', 'variational');
%!error id=hlnn:rollout:maxiter hlnn_rollout (sys, [1 0], [0 2], 'Method', 'gl4')
%!error <Method must be one of> hlnn_rollout (sys, [1 0], t, 'Method', 'euler')
%!error <leapfrog needs a separable> hlnn_rollout (hlnn_system ('damped_spring'), [1 0], t, 'Method', 'leapfrog')
%!error <leapfrog needs a separable> hlnn_rollout (mlp_create ([2 4 2]), [1 0], t, 'Method', 'leapfrog')
%!error <an hnn field is not one> hlnn_rollout (hnn_create (1, 4), [1 0], t, 'Method', 'leapfrog')
%!error <an lnn field is not one> hlnn_rollout (lnn_create (1, 4), [1 0], t, 'Method', 'leapfrog')
%!error <strictly increasing> hlnn_rollout (sys, [1 0], [0 1 1])
%!error <X0 must be> hlnn_rollout (sys, [1 0 0], t)
%!error <as many outputs as inputs> hlnn_rollout (mlp_create ([2 4 1]), [1 0], t)
%!error <SRC must be> hlnn_rollout (3, [1 0], t)
%!error <unknown option> hlnn_rollout (sys, [1 0], t, 'Tol', 1)
%!error <Invalid call> hlnn_rollout (sys, [1 0])

%!demo
%! sys = hlnn_system ('pendulum');
%! [t, Xs] = hlnn_rollout (sys, sys.sample (4, 1), linspace (0, 10, 201), ...
%!                         'Method', 'gl4', 'Step', 0.01);
%! plot (squeeze (Xs(:, 1, :)), squeeze (Xs(:, 2, :)));
%! xlabel ('q'); ylabel ('p'); title ('pendulum, gl4');
