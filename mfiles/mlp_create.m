% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{model} =} mlp_create (@var{sizes})
% @deftypefnx {hlnn} {@var{model} =} mlp_create (@var{sizes}, @var{name}, @var{value}, @dots{})
% Create a plain multilayer perceptron, the baseline of hlnn.
%
% @var{sizes} lists the layer widths, inputs first and outputs last, e.g.
% @code{[2 200 200 2]}.  The network is
% @code{y = W@{L@} s(... s(W@{1@} x + b@{1@}) ...) + b@{L@}} with the
% activation @code{s} applied after every hidden layer.
%
% Options (name/value pairs or a struct, case-insensitive):
% @table @asis
% @item @qcode{'Activation'}
% @qcode{'tanh'} (default), @qcode{'softplus'}, @qcode{'sigmoid'},
% @qcode{'sin'}, @qcode{'gelu'} or @qcode{'relu'}.
% @item @qcode{'Init'}
% @qcode{'glorot'} (default), @qcode{'he'}, @qcode{'orthogonal'} (biases
% zero), @qcode{'torch'} (PyTorch's @code{nn.Linear} default) or
% @qcode{'greydanus'} (the HNN paper's code: orthogonal weights over
% @code{nn.Linear}'s default hidden biases, uniform in
% @code{+-1/sqrt (fan_in)}; the output bias zero).
% @item @qcode{'Seed'}
% Integer seed of the weights and of the minibatch order (default 0).
% @item @qcode{'Period'}
% The periods of the inputs (default 0: none): a scalar for all of them
% or a vector of @code{sizes(1)}, each finite and @code{>= 0};
% @code{2*pi} for an angle.  The network then sees input @code{x_j}
% wrapped into @code{[-P_j/2, P_j/2)} wherever it is evaluated
% (training, validation, @code{mlp_predict}, every rollout method), as
% the @qcode{'Period'} of @code{hnn_create} and @code{lnn_create} does
% for @code{q}: a baseline on angles is then periodic in them too.
% @end table
%
% The model is a plain struct (@code{kind}, @code{sizes},
% @code{activation}, @code{W}, @code{b}, @code{opt}, @code{history},
% @code{options}, @code{period}) that @code{save}/@code{load} handle as
% they are.
%
% Example:
% @example
% model = mlp_create ([1 32 32 1], 'Activation', 'tanh', 'Seed', 1);
% x = linspace (-pi, pi, 200)';
% model = mlp_train (model, x, sin (x), 'Steps', 500, 'Verbose', false);
% y = mlp_predict (model, x);
% @end example
% @seealso{mlp_train, mlp_predict, hnn_create, lnn_create}
% @end deftypefn
function model = mlp_create (sizes, varargin)
  hlnn_check_nargin (nargin, 1, Inf, 'mlp_create');
  hlnn_check_sizes (sizes, 'SIZES', 'mlp', 'mlp_create', false);
  sizes = double (sizes);
  if (numel (sizes) < 2)
    error ('hlnn:mlp:size', 'mlp_create: SIZES needs at least an input and an output width');
  end
  opts = hlnn_options (struct ('Activation', 'tanh', 'Init', 'glorot', 'Seed', 0, ...
                               'Period', 0), 'mlp', 'mlp_create', varargin);
  check_create_opts (opts);
  period = hlnn_check_period (opts.Period, sizes(1), 'mlp', 'mlp_create');
  model = hlnn_model_new ('mlp', sizes(:)', lower (opts.Activation), ...
                          lower (opts.Init), double (opts.Seed), sizes(1), opts);
  model.period = period;
end

function check_create_opts (opts)
  acts = {'tanh', 'softplus', 'sigmoid', 'sin', 'gelu', 'relu'};
  if (~ischar (opts.Activation) || ~any (strcmpi (opts.Activation, acts)))
    error ('hlnn:mlp:activation', 'mlp_create: Activation must be one of: %s', ...
           strjoin (acts, ', '));
  end
  inits = {'glorot', 'he', 'orthogonal', 'torch', 'greydanus'};
  if (~ischar (opts.Init) || ~any (strcmpi (opts.Init, inits)))
    error ('hlnn:mlp:init', 'mlp_create: Init must be one of: %s', strjoin (inits, ', '));
  end
  if (~isnumeric (opts.Seed) || ~isscalar (opts.Seed) || ~isreal (opts.Seed) || opts.Seed < 0 ...
      || opts.Seed ~= fix (opts.Seed) || opts.Seed >= 2^32)
    error ('hlnn:mlp:seed', 'mlp_create: Seed must be an integer in [0, 2^32)');
  end
end

%!test
%! m = mlp_create ([3 5 2], 'Seed', 4);
%! assert (m.kind, 'mlp');
%! assert (size (m.W{1}), [5 3]);
%! assert (size (m.W{2}), [2 5]);
%! assert (size (m.b{2}), [2 1]);
%! assert (m.opt.step, 0);

%!test
%! a = mlp_create ([2 7 1], 'Seed', 9);
%! b = mlp_create ([2 7 1], 'seed', 9);
%! c = mlp_create ([2 7 1], 'Seed', 10);
%! assert (isequal (a.W, b.W));
%! assert (~isequal (a.W, c.W));

%!test
%! m = mlp_create ([4 6 4], struct ('Init', 'orthogonal'));
%! assert (m.W{1}' * m.W{1}, eye (4), 1e-12);
%! assert (m.W{2} * m.W{2}', eye (4), 1e-12);

%!test
%! % greydanus: orthogonal weights, hidden biases U(+-1/sqrt (fan_in))
%! % (standard deviation 1/sqrt (3 fan_in)), no output bias
%! m = mlp_create ([2 200 200 1], 'Init', 'greydanus', 'Seed', 2);
%! assert (m.W{2} * m.W{2}', eye (200), 1e-12);
%! assert (max (abs (m.b{1})) <= 1 / sqrt (2));
%! assert (std (m.b{1}), 1 / sqrt (6), 0.05);
%! assert (max (abs (m.b{2})) <= 1 / sqrt (200));
%! assert (std (m.b{2}), 1 / sqrt (600), 0.005);
%! assert (m.b{3}, 0);

%!test
%! % an angle's period: predictions, the training loss and rollouts see
%! % the input wrapped; without the period the model is not periodic
%! m = mlp_create ([2 16 2], 'Seed', 3, 'Period', [2*pi 0]);
%! assert (m.period, [2*pi 0]);
%! assert (mlp_create ([3 4 1]).period, [0 0 0]);
%! X = [linspace(-3, 3, 7)', linspace(-1, 1, 7)'];
%! turned = X + [2*pi*[-3 -1 1 2 4 -2 1]', zeros(7, 1)];
%! plain = setfield (m, 'period', [0 0]);
%! assert (mlp_predict (m, turned), mlp_predict (plain, X), 1e-12);
%! assert (max (max (abs (mlp_predict (plain, turned) - mlp_predict (plain, X)))) > 1e-3);
%! Y = [sin(X(:,1)), X(:,2)];
%! a = mlp_train (m, turned, Y, 'Steps', 5, 'Verbose', false, 'Validation', {turned, Y});
%! b = mlp_train (plain, X, Y, 'Steps', 5, 'Verbose', false, 'Validation', {X, Y});
%! assert (a.history.loss, b.history.loss, 1e-12 * max (b.history.loss));
%! assert (a.history.val_loss, b.history.val_loss, 1e-12 * max (b.history.val_loss));
%! assert (a.W{1}, b.W{1}, 1e-12);
%! t = linspace (0, 1, 11)';
%! for meth = {'rk4', 'gl4', 'rkf45'}
%!   [~, Xa] = hlnn_rollout (m, turned(3,:), t, 'Method', meth{1}, 'Step', 0.05);
%!   [~, Xb] = hlnn_rollout (plain, X(3,:), t, 'Method', meth{1}, 'Step', 0.05);
%!   assert (Xa - [turned(3,1) - X(3,1), 0], Xb, 1e-9);
%! end

%!error id=hlnn:mlp:period mlp_create ([2 8 2], 'Period', [1 2 3])
%!error id=hlnn:mlp:period mlp_create ([2 8 2], 'Period', -pi)
%!error id=hlnn:mlp:period mlp_create ([2 8 2], 'Period', NaN)
%!error id=hlnn:model:field mlp_predict (setfield (mlp_create ([2 8 2]), 'period', [1 -1]), zeros (1, 2))
%!error id=hlnn:model:field mlp_predict (setfield (mlp_create ([2 8 2]), 'period', 1), zeros (1, 2))
%!error <SIZES> mlp_create ([2 0 1])
%!error <needs at least> mlp_create (3)
%!error <unknown option 'Foo'> mlp_create ([2 3 1], 'Foo', 1)
%!error <Activation> mlp_create ([2 3 1], 'Activation', 'cube')
%!error <Seed> mlp_create ([2 3 1], 'Seed', -1)
%!error <Invalid call> mlp_create ()
%!error id=hlnn:arg:nargin mlp_create ()

%!demo
%! model = mlp_create ([1 16 1], 'Seed', 3);
%! disp (model)
