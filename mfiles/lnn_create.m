% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{model} =} lnn_create (@var{n}, @var{hidden})
% @deftypefnx {hlnn} {@var{model} =} lnn_create (@var{n}, @var{hidden}, @var{name}, @var{value}, @dots{})
% Create a Lagrangian neural network on @var{n} degrees of freedom.
%
% The network is a scalar MLP @code{L(q, qdot)} on the state
% @code{[q qdot]} (2@var{n} inputs, hidden layer widths @var{hidden},
% e.g. @code{[128 128]}, one output).  Its dynamics are the
% Euler--Lagrange equations
% @code{qddot = A \ (dL/dq - (d2L/dqdot dq) qdot)} with
% @code{A = d2L/dqdot2}, solved per sample in C (@code{lnn_accel}).
%
% Options (name/value pairs or a struct, case-insensitive):
% @table @asis
% @item @qcode{'Activation'}
% @qcode{'softplus'} (default), @qcode{'tanh'}, @qcode{'sin'},
% @qcode{'sigmoid'} or @qcode{'gelu'}.  @qcode{'relu'} is refused
% (@code{hlnn:lnn:activation}): the accelerations need the second
% derivative of the network and its training gradient the third.
% @item @qcode{'Init'}
% @qcode{'cranmer'} (default: the layer-scaled initialisation of Cranmer
% et al., "Lagrangian Neural Networks", 2020, as in their reference code:
% biases zero, weights of layer i = 0..L-1 normal with standard deviation
% @code{(2.2 [i = 0] + 0.58 i [0 < i < L-1] + m [i = L-1]) / sqrt (m)},
% @code{m} the larger of the layer's fan-in and fan-out), @qcode{'glorot'},
% @qcode{'he'}, @qcode{'orthogonal'}, @qcode{'torch'} or
% @qcode{'greydanus'} (see @code{mlp_create}).  With the generic
% schemes a softplus LNN starts with a tiny @code{d2L/dqdot2} (about 0.005
% for 4-64-64-1 Glorot weights), hence huge and hypersensitive
% accelerations, and training tends to stall there.
% @item @qcode{'Seed'}
% Integer seed of the weights and of the minibatch order (default 0).
% @item @qcode{'Regularization'}
% @code{r >= 0} (default 1e-10).  A sample whose @code{A} has a
% reciprocal condition estimate below @code{r} is solved with
% @code{A + r norm (A, 1) I} (Tikhonov) and counted as regularised; a
% sample still numerically singular after that (or with @code{A = 0}, or
% with @code{r = 0} and reciprocal condition below @code{eps}) has no
% acceleration: NaN, counted as singular.  See @code{lnn_accel}.
% @item @qcode{'Period'}
% The periods of the coordinates @code{q} (default 0: none): a scalar
% for all of them or a vector of @var{n}, each finite and @code{>= 0};
% @code{2*pi} for an angle.  The network then sees @code{q_j} wrapped
% into @code{[-P_j/2, P_j/2)} wherever it is evaluated (training,
% accelerations, energies, every rollout method), while states and
% rollouts keep the continuous angle: a pendulum that turns over stays
% where the network was trained, as Cranmer et al.'s code takes
% @code{q} modulo @code{2*pi}.  Derivatives are those of the network at
% the wrapped point; across the seam @code{L} jumps by the model's error.
% Explicit methods step over that jump.  The variational integrator takes
% each step's midpoint on the branch of the step's start, and a
% trajectory whose step crosses the seam goes on from its position and
% velocity, its momentum recomputed on the new branch: on a trial
% double-pendulum LNN, 40 of 40 variational rollouts of 100 s ran
% (before these two rules, 5 failed to solve).
% @end table
%
% The model is a plain struct (@code{kind = 'lnn'}, @code{n},
% @code{sizes}, @code{activation}, @code{W}, @code{b},
% @code{regularization}, @code{period} (1 x @var{n}), @code{opt},
% @code{history}, @code{options}).
%
% Example:
% @example
% model = lnn_create (1, [64 64], 'Seed', 1);
% q = 2 * pi * rand (500, 1) - pi;  qd = 4 * randn (500, 1);
% model = lnn_train (model, q, qd, -9.81 * sin (q), 'Steps', 500);
% qdd = lnn_accel (model, q, qd);
% @end example
% @seealso{lnn_train, lnn_accel, lnn_lagrangian, lnn_energy, hnn_create, mlp_create}
% @end deftypefn
function model = lnn_create (n, hidden, varargin)
  hlnn_check_nargin (nargin, 2, Inf, 'lnn_create');
  if (~isnumeric (n) || ~isreal (n) || issparse (n) || ~isscalar (n) || ~isfinite (n) ...
      || n < 1 || n ~= fix (n) || n > 1e5)
    error ('hlnn:lnn:size', 'lnn_create: N must be a positive integer (degrees of freedom)');
  end
  hlnn_check_sizes (hidden, 'HIDDEN', 'lnn', 'lnn_create', false);
  opts = hlnn_options (struct ('Activation', 'softplus', 'Init', 'cranmer', ...
                               'Seed', 0, 'Regularization', 1e-10, ...
                               'Period', 0), ...
                       'lnn', 'lnn_create', varargin);
  check_create_opts (opts, n);
  sizes = [2 * n, hidden(:)', 1];
  model = hlnn_model_new ('lnn', sizes, lower (opts.Activation), ...
                          lower (opts.Init), opts.Seed, n, opts);
  model.regularization = opts.Regularization;
  model.period = hlnn_check_period (opts.Period, n, 'lnn', 'lnn_create');
end

function check_create_opts (opts, n)
  acts = {'softplus', 'tanh', 'sin', 'sigmoid', 'gelu'};
  if (~ischar (opts.Activation) || ~any (strcmpi (opts.Activation, acts)))
    error ('hlnn:lnn:activation', ...
           'lnn_create: Activation must be one of: %s (relu has no second derivative)', ...
           strjoin (acts, ', '));
  end
  inits = {'glorot', 'cranmer', 'he', 'orthogonal', 'torch', 'greydanus'};
  if (~ischar (opts.Init) || ~any (strcmpi (opts.Init, inits)))
    error ('hlnn:lnn:init', 'lnn_create: Init must be one of: %s', strjoin (inits, ', '));
  end
  if (~isnumeric (opts.Seed) || ~isscalar (opts.Seed) || opts.Seed < 0 ...
      || opts.Seed ~= fix (opts.Seed) || opts.Seed >= 2^32)
    error ('hlnn:lnn:seed', 'lnn_create: Seed must be an integer in [0, 2^32)');
  end
  r = opts.Regularization;
  if (~isnumeric (r) || ~isreal (r) || ~isscalar (r) || ~isfinite (r) || r < 0)
    error ('hlnn:lnn:regularization', ...
           'lnn_create: Regularization must be a finite real scalar >= 0');
  end
end

%!test
%! m = lnn_create (2, [16 8], 'Seed', 4);
%! assert (m.kind, 'lnn');
%! assert (m.n, 2);
%! assert (m.sizes, [4 16 8 1]);
%! assert (m.activation, 'softplus');
%! assert (size (m.W{1}), [16 4]);
%! assert (size (m.W{3}), [1 8]);
%! assert (m.regularization, 1e-10);
%! assert (m.opt.step, 0);

%!test
%! a = lnn_create (1, 9, 'Seed', 3);
%! b = lnn_create (1, 9, 'seed', 3);
%! c = lnn_create (1, 9, 'Seed', 4);
%! assert (isequal (a.W, b.W));
%! assert (~isequal (a.W, c.W));

%!test
%! % Cranmer et al.'s scaling: (2.2, 0.58, 1.16, m) / sqrt(m), m = 200
%! m = lnn_create (2, [200 200 200], 'Init', 'cranmer', 'Seed', 1);
%! want = [2.2, 0.58, 1.16, 200] / sqrt (200);
%! for l = 1:4
%!   assert (std (m.W{l}(:), 1) / want(l), 1, 0.15);
%!   assert (all (m.b{l} == 0));
%! end

%!test
%! m = lnn_create (1, [4 4], struct ('Activation', 'tanh', 'Regularization', 0));
%! assert (m.activation, 'tanh');
%! assert (m.regularization, 0);

%!test
%! % an angle's period: the network sees q wrapped, the states stay
%! % continuous; without the period the model is not periodic
%! m = lnn_create (2, [16 16], 'Seed', 2, 'Period', [2*pi 0]);
%! assert (m.period, [2*pi 0]);
%! plain = lnn_create (2, [16 16], 'Seed', 2);
%! assert (plain.period, [0 0]);
%! q = [0.3 -0.4; 2.9 1.0];  qd = [0.5 -0.2; -1.1 0.7];
%! turned = q + [2*pi 0; -4*pi 0];
%! a = lnn_accel (m, q, qd);
%! assert (lnn_accel (m, turned, qd), a, 1e-12 * max (abs (a(:))));
%! assert (lnn_accel (m, q, qd), lnn_accel (plain, q, qd));
%! assert (norm (lnn_accel (plain, turned, qd) - a) > 1e-3 * norm (a));
%! assert (lnn_energy (m, turned, qd), lnn_energy (m, q, qd), 1e-12);
%! [~, X] = hlnn_rollout (m, [q qd], [0 0.05 0.1], 'Method', 'variational');
%! [~, Y] = hlnn_rollout (m, [turned qd], [0 0.05 0.1], 'Method', 'variational');
%! Y(:,1,:) -= reshape ([2*pi -4*pi], 1, 1, 2);
%! assert (Y, X, 1e-12 * max (abs (X(:))));
%! % training sees the wrapped angles too
%! Q = 3 * randn (40, 2);  Qd = randn (40, 2);  A = randn (40, 2);
%! W = [mod(Q(:,1) + pi, 2*pi) - pi, Q(:,2)];
%! o = {'Steps', 5, 'Verbose', false};
%! t1 = lnn_train (m, Q, Qd, A, o{:});
%! t2 = lnn_train (setfield (m, 'period', [0 0]), W, Qd, A, o{:});
%! assert (t1.W{1}, t2.W{1}, 1e-10 * max (abs (t2.W{1}(:))));

%!error <Activation must be one of> lnn_create (2, [8 8], 'Activation', 'relu')
%!error id=hlnn:lnn:activation lnn_create (2, [8 8], 'Activation', 'relu')
%!error <Init> lnn_create (2, 8, 'Init', 'xavier')
%!error <Regularization> lnn_create (2, 8, 'Regularization', -1)
%!error <Regularization> lnn_create (2, 8, 'Regularization', NaN)
%!error id=hlnn:lnn:period lnn_create (2, 8, 'Period', [1 2 3])
%!error id=hlnn:lnn:period lnn_create (2, 8, 'Period', -pi)
%!error id=hlnn:lnn:period lnn_create (2, 8, 'Period', [2*pi Inf])
%!error id=hlnn:model:field lnn_accel (setfield (lnn_create (2, 8), 'period', [1 -1]), [0 0], [0 0])
%!error <N must be> lnn_create (0, 8)
%!error <N must be> lnn_create (1.5, 8)
%!error <HIDDEN> lnn_create (2, [8 0])
%!error <unknown option 'Foo'> lnn_create (2, 8, 'Foo', 1)
%!error <Invalid call> lnn_create (2)

%!demo
%! model = lnn_create (2, [64 64], 'Init', 'cranmer', 'Seed', 1);
%! disp (model)
