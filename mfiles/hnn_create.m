% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{model} =} hnn_create (@var{n}, @var{hidden})
% @deftypefnx {hlnn} {@var{model} =} hnn_create (@var{n}, @var{hidden}, @var{name}, @var{value}, @dots{})
% Create a Hamiltonian neural network for a system with @var{n} degrees of
% freedom.
%
% The network is a scalar energy @code{H(q, p)} on the state
% @code{x = [q p]} (2@var{n} inputs), a multilayer perceptron with hidden
% layer widths @var{hidden} (e.g. @code{[200 200]}) and one output.  Its
% vector field follows Hamilton's equations,
% @code{dq/dt = dH/dp}, @code{dp/dt = -dH/dq - gamma p},
% where the optional dissipation rate @code{gamma >= 0} is zero, fixed or
% learned.
%
% Options (name/value pairs or a struct, case-insensitive):
% @table @asis
% @item @qcode{'Activation'}
% @qcode{'tanh'} (default), @qcode{'softplus'}, @qcode{'sigmoid'},
% @qcode{'sin'} or @qcode{'gelu'}.  Training differentiates the field,
% itself a gradient, once more, so the activation needs a second
% derivative: @qcode{'relu'} is refused (error @code{hlnn:hnn:activation}).
% @item @qcode{'Init'}
% @qcode{'glorot'} (default), @qcode{'he'}, @qcode{'orthogonal'},
% @qcode{'torch'} or @qcode{'greydanus'} (as in the code of the HNN paper;
% see @code{mlp_create}).
% @item @qcode{'Seed'}
% Integer seed of the weights and of the minibatch order (default 0).
% @item @qcode{'Dissipation'}
% @qcode{'none'} (default), @qcode{'fixed'} (rate @qcode{'Gamma'},
% required) or @qcode{'learned'} (@code{gamma = log(1 + exp(rho))} with
% @code{rho} trained with the weights; @qcode{'Gamma'} is the starting
% rate, default 0.1).
% @item @qcode{'Gamma'}
% The fixed rate, or the initial learned rate (> 0).
% @item @qcode{'LossWeights'}
% 2@var{n} non-negative weights of the field components in the training
% loss (default all 1).
% @item @qcode{'Period'}
% The periods of the coordinates @code{q} (default 0: none): a scalar
% for all of them or a vector of @var{n}, each finite and @code{>= 0};
% @code{2*pi} for an angle.  The network then sees @code{q_j} wrapped
% into @code{[-P_j/2, P_j/2)} wherever it is evaluated (training, field,
% energy, every rollout method), while states and rollouts keep the
% continuous angle, so a pendulum that turns over stays where the
% network was trained.  The momenta are never wrapped.  Derivatives are
% the network's at the wrapped point; across the seam @code{H} jumps by
% the model's error.
% @end table
%
% The model is a plain struct: the fields of every hlnn model
% (@code{kind = 'hnn'}, @code{n}, @code{sizes}, @code{activation},
% @code{W}, @code{b}, @code{opt}, @code{history}, @code{options}) plus
% @code{dissipation}, @code{gamma} (the rate in effect; with learned
% dissipation it is recomputed from @code{rho} whenever training returns),
% @code{loss_weights}, @code{period} (1 x @var{n}) and, for learned
% dissipation, @code{rho}.
%
% Example:
% @example
% model = hnn_create (1, [64 64], 'Activation', 'tanh', 'Seed', 1);
% @end example
% @seealso{hnn_train, hnn_field, hnn_energy, mlp_create}
% @end deftypefn
function model = hnn_create (n, hidden, varargin)
  hlnn_check_nargin (nargin, 2, Inf, 'hnn_create');
  if (~isnumeric (n) || ~isreal (n) || issparse (n) || ~isscalar (n) || ~isfinite (n) ...
      || n < 1 || n ~= fix (n) || n > 1e5)
    error ('hlnn:hnn:size', 'hnn_create: N (degrees of freedom) must be a positive integer');
  end
  hlnn_check_sizes (hidden, 'HIDDEN', 'hnn', 'hnn_create', true);
  opts = hlnn_options (struct ('Activation', 'tanh', 'Init', 'glorot', 'Seed', 0, ...
                               'Dissipation', 'none', 'Gamma', [], ...
                               'LossWeights', [], 'Period', 0), ...
                       'hnn', 'hnn_create', varargin);
  check_create_opts (opts, n);
  sizes = [2*n, hidden(:)', 1];
  model = hlnn_model_new ('hnn', sizes, lower (opts.Activation), ...
                          lower (opts.Init), opts.Seed, n, opts);
  model.dissipation = lower (opts.Dissipation);
  switch (model.dissipation)
    case 'none'
      model.gamma = 0;
    case 'fixed'
      model.gamma = opts.Gamma;
    case 'learned'
      g = 0.1;
      if (~isempty (opts.Gamma))
        g = opts.Gamma;
      end
      % softplus inverse, accurate for small and large rates
      model.rho = g + log (-expm1 (-g));
      model.gamma = g;
  end
  model.loss_weights = ones (1, 2*n);
  if (~isempty (opts.LossWeights))
    model.loss_weights = opts.LossWeights(:)';
  end
  model.period = hlnn_check_period (opts.Period, n, 'hnn', 'hnn_create');
end

function check_create_opts (opts, n)
  acts = {'tanh', 'softplus', 'sigmoid', 'sin', 'gelu'};
  if (~ischar (opts.Activation) || ~any (strcmpi (opts.Activation, acts)))
    error ('hlnn:hnn:activation', ...
           'hnn_create: Activation must be one of: %s (an HNN needs a second derivative, so relu is not available)', ...
           strjoin (acts, ', '));
  end
  inits = {'glorot', 'he', 'orthogonal', 'torch', 'greydanus'};
  if (~ischar (opts.Init) || ~any (strcmpi (opts.Init, inits)))
    error ('hlnn:hnn:init', 'hnn_create: Init must be one of: %s', strjoin (inits, ', '));
  end
  if (~isnumeric (opts.Seed) || ~isscalar (opts.Seed) || opts.Seed < 0 ...
      || opts.Seed ~= fix (opts.Seed) || opts.Seed >= 2^32)
    error ('hlnn:hnn:seed', 'hnn_create: Seed must be an integer in [0, 2^32)');
  end
  modes = {'none', 'fixed', 'learned'};
  if (~ischar (opts.Dissipation) || ~any (strcmpi (opts.Dissipation, modes)))
    error ('hlnn:hnn:dissipation', ...
           'hnn_create: Dissipation must be ''none'', ''fixed'' or ''learned''');
  end
  g = opts.Gamma;
  if (~isempty (g) && (~isnumeric (g) || ~isreal (g) || ~isscalar (g) ...
                       || ~isfinite (g) || g < 0))
    error ('hlnn:hnn:gamma', 'hnn_create: Gamma must be a finite non-negative scalar');
  end
  switch (lower (opts.Dissipation))
    case 'none'
      if (~isempty (g))
        error ('hlnn:hnn:gamma', 'hnn_create: Gamma needs Dissipation ''fixed'' or ''learned''');
      end
    case 'fixed'
      if (isempty (g))
        error ('hlnn:hnn:gamma', 'hnn_create: Dissipation ''fixed'' needs a rate ''Gamma''');
      end
    case 'learned'
      if (~isempty (g) && g == 0)
        error ('hlnn:hnn:gamma', 'hnn_create: a learned rate starts above 0 (Gamma > 0)');
      end
  end
  w = opts.LossWeights;
  if (~isempty (w) && (~isnumeric (w) || ~isreal (w) || ~isvector (w) ...
                       || numel (w) ~= 2*n || any (~isfinite (w)) || any (w < 0)))
    error ('hlnn:hnn:weights', 'hnn_create: LossWeights must be %d finite non-negative values', 2*n);
  end
end

%!test
%! m = hnn_create (2, [8 6], 'Seed', 4);
%! assert (m.kind, 'hnn');
%! assert (m.n, 2);
%! assert (m.sizes, [4 8 6 1]);
%! assert (size (m.W{1}), [8 4]);
%! assert (size (m.W{3}), [1 6]);
%! assert (m.dissipation, 'none');
%! assert (m.gamma, 0);
%! assert (m.loss_weights, ones (1, 4));
%! assert (m.opt.step, 0);

%!test
%! a = hnn_create (1, 5, 'Seed', 9);
%! b = hnn_create (1, 5, 'seed', 9);
%! c = hnn_create (1, 5, 'Seed', 10);
%! assert (isequal (a.W, b.W));
%! assert (~isequal (a.W, c.W));

%!test
%! m = hnn_create (1, [4 4], 'Dissipation', 'learned', 'Gamma', 0.3);
%! assert (log1p (exp (m.rho)), 0.3, 1e-15);
%! assert (m.gamma, 0.3);
%! m = hnn_create (1, 4, 'Dissipation', 'learned');
%! assert (log1p (exp (m.rho)), 0.1, 1e-15);
%! m = hnn_create (1, 4, struct ('Dissipation', 'fixed', 'Gamma', 0.25));
%! assert (m.gamma, 0.25);
%! assert (~isfield (m, 'rho'));

%!test
%! m = hnn_create (1, [], 'Seed', 1);   % no hidden layer: H is affine
%! assert (m.sizes, [2 1]);

%!test
%! % an angle's period: the network sees q wrapped; p and the states stay
%! % as given; without the period the model is not periodic
%! m = hnn_create (2, [16 16], 'Seed', 2, 'Period', [2*pi 0], ...
%!                 'Dissipation', 'fixed', 'Gamma', 0.1);
%! assert (m.period, [2*pi 0]);
%! plain = setfield (m, 'period', [0 0]);
%! assert (hnn_create (2, 4).period, [0 0]);
%! X = [0.3 -0.4 0.5 -0.2; 2.9 1.0 -1.1 0.7];
%! T = X + [2*pi 0 0 0; -4*pi 0 0 0];
%! F = hnn_field (m, X);
%! assert (hnn_field (m, T), F, 1e-12 * max (abs (F(:))));
%! assert (hnn_field (plain, X), F);
%! assert (norm (hnn_field (plain, T) - F) > 1e-3 * norm (F));
%! assert (hnn_energy (m, T), hnn_energy (m, X), 1e-12);
%! % rollouts follow the continuous angle
%! for o = {{'Method', 'rk4', 'Step', 0.01}, {'Method', 'gl4', 'Step', 0.01}, {'Method', 'rkf45'}}
%!   [~, A] = hlnn_rollout (m, X, [0 0.05 0.1], o{1}{:});
%!   [~, B] = hlnn_rollout (m, T, [0 0.05 0.1], o{1}{:});
%!   B(:,1,:) -= reshape ([2*pi -4*pi], 1, 1, 2);
%!   assert (B, A, 1e-9 * max (abs (A(:))));
%! end
%! % training sees the wrapped angles too
%! Q = 3 * randn (40, 4);  dQ = randn (40, 4);
%! W = [mod(Q(:,1) + pi, 2*pi) - pi, Q(:,2:4)];
%! o = {'Steps', 5, 'Verbose', false};
%! t1 = hnn_train (m, Q, dQ, o{:});
%! t2 = hnn_train (plain, W, dQ, o{:});
%! assert (t1.W{1}, t2.W{1}, 1e-10 * max (abs (t2.W{1}(:))));

%!error id=hlnn:hnn:period hnn_create (2, 8, 'Period', [1 2 3])
%!error id=hlnn:hnn:period hnn_create (2, 8, 'Period', -pi)
%!error id=hlnn:hnn:period hnn_create (2, 8, 'Period', NaN)
%!error id=hlnn:model:field hnn_field (setfield (hnn_create (2, 8), 'period', [1 -1]), zeros (1, 4))
%!error id=hlnn:hnn:activation hnn_create (1, 8, 'Activation', 'relu')
%!error <relu is not available> hnn_create (1, 8, 'Activation', 'relu')
%!error <N \(degrees of freedom\)> hnn_create (0, 8)
%!error <HIDDEN> hnn_create (1, [8 0])
%!error <needs a rate> hnn_create (1, 8, 'Dissipation', 'fixed')
%!error <Gamma must be> hnn_create (1, 8, 'Dissipation', 'fixed', 'Gamma', -1)
%!error <starts above 0> hnn_create (1, 8, 'Dissipation', 'learned', 'Gamma', 0)
%!error <Gamma needs> hnn_create (1, 8, 'Gamma', 0.1)
%!error <Dissipation must be> hnn_create (1, 8, 'Dissipation', 'rayleigh')
%!error <LossWeights> hnn_create (1, 8, 'LossWeights', [1 2 3])
%!error <unknown option 'Foo'> hnn_create (1, 8, 'Foo', 1)
%!error <Invalid call> hnn_create (1)

%!demo
%! model = hnn_create (1, [32 32], 'Seed', 3, 'Dissipation', 'learned');
%! disp (model)
