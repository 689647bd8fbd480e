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
% @end table
%
% The model is a plain struct: the fields of every hlnn model
% (@code{kind = 'hnn'}, @code{n}, @code{sizes}, @code{activation},
% @code{W}, @code{b}, @code{opt}, @code{history}, @code{options}) plus
% @code{dissipation}, @code{gamma} (the rate in effect; with learned
% dissipation it is recomputed from @code{rho} whenever training returns)
% and, for learned dissipation, @code{rho}.
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
                               'LossWeights', []), ...
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
