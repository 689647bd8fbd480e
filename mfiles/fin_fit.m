% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{model} =} fin_fit (@var{kind}, @var{prep})
% @deftypefnx {hlnn} {@var{model} =} fin_fit (@var{kind}, @var{prep}, @var{name}, @var{value}, @dots{})
% Train a learned dynamics model on the training rows of phase-space data.
%
% @var{prep} comes from @code{fin_phase_space}; only the rows
% @code{prep.train_rows} are used (their states and labels lie inside the
% training window, so nothing after it is seen).  @var{kind}:
% @table @asis
% @item @qcode{'mlp'}
% a plain MLP from the state @code{[Q Qd]} to its time derivative
% @code{prep.dX} (the baseline on the same features).
% @item @qcode{'hnn'}
% a Hamiltonian network H(Q, p) with p = Qd, trained on @code{prep.dX},
% by default with learned dissipation, dp/dt = -dH/dQ - gamma p (see
% @code{hnn_create}), gamma starting from the velocity decay of the
% training window (@code{prep.velocity_decay}, in tau units), and loss
% weights 1/var of each label column over the training rows.  Why: a
% causal velocity estimate decorrelates, a decay no Hamiltonian can
% produce; without the gamma term the network would have to mimic
% dp/dt = -k p with H = k p Q + @dots{}, i.e. a spurious dQ/dt = k Q.
% And the dp/dt labels are far noisier than the dQ/dt labels, which
% unweighted would dominate the loss.  @qcode{'Create'} overrides any of
% these (e.g. @code{@{'Dissipation', 'none'@}}).
% @item @qcode{'lnn'}
% a Lagrangian network L(Q, Qd), trained on the accelerations
% @code{prep.Qdd}.
% @end table
%
% Options: @qcode{'Hidden'} (hidden widths, default [32 32]),
% @qcode{'Activation'} (default tanh, softplus for the LNN),
% @qcode{'Steps'} (default 500), @qcode{'LearningRate'} (1e-3),
% @qcode{'Batch'} (Inf = full batch), @qcode{'WeightDecay'} (0),
% @qcode{'Seed'} (1), @qcode{'Verbose'} (false), @qcode{'Create'} (a cell
% of further name/value pairs for @code{mlp_create}, @code{hnn_create} or
% @code{lnn_create}, or a struct with such a cell per kind, e.g.
% @code{struct ('hnn', @{@{'Dissipation', 'learned'@}@})}).
% @seealso{fin_phase_space, fin_forecast, fin_backtest}
% @end deftypefn
function model = fin_fit (kind, prep, varargin)
  hlnn_check_nargin (nargin, 2, Inf, 'fin_fit');
  o = hlnn_options (struct ('Hidden', [32 32], 'Activation', '', 'Steps', 500, ...
                            'LearningRate', 1e-3, 'Batch', Inf, 'WeightDecay', 0, ...
                            'Seed', 1, 'Verbose', false, 'Create', {{}}), ...
                    'fin', 'fin_fit', varargin);
  kinds = {'mlp', 'hnn', 'lnn'};
  if (~ischar (kind) || ~any (strcmpi (kind, kinds)))
    error ('hlnn:fin:model', 'fin_fit: KIND must be one of: %s', strjoin (kinds, ', '));
  end
  kind = lower (kind);
  if (~isstruct (prep) || ~isscalar (prep) || ~isfield (prep, 'train_rows') || ~isfield (prep, 'X'))
    error ('hlnn:fin:prep', 'fin_fit: PREP must come from fin_phase_space');
  end
  rows = prep.train_rows;
  if (numel (rows) < 2)
    error ('hlnn:fin:window', 'fin_fit: fewer than 2 training rows');
  end
  h = o.Hidden(:)';
  if (isempty (h) || ~isnumeric (h) || any (h ~= fix (h)) || any (h < 1))
    error ('hlnn:fin:option', 'fin_fit: Hidden must be positive integer widths');
  end
  act = o.Activation;
  if (isempty (act))
    act = 'tanh';
    if (strcmp (kind, 'lnn'))
      act = 'softplus';
    end
  end
  require (kind);
  extra = o.Create;
  if (isstruct (extra) && isscalar (extra))
    if (isfield (extra, kind))
      extra = extra.(kind);
    else
      extra = {};
    end
  end
  if (~iscell (extra))
    error ('hlnn:fin:option', ...
           'fin_fit: Create must be a cell of name/value pairs or a struct of them per kind');
  end
  create = {'Activation', act, 'Seed', o.Seed};
  if (strcmp (kind, 'hnn'))
    g0 = prep.velocity_decay * prep.norm.tscale;
    if (~(g0 > 0))
      g0 = 0.1;
    end
    w = 1 ./ var (prep.dX(rows, :), 0, 1);
    w(~isfinite (w)) = 1;
    create = [create, {'Dissipation', 'learned', 'Gamma', g0, 'LossWeights', w}];
  end
  create = [create, extra(:)'];
  n = prep.n;
  X = prep.X(rows, :);
  train = {'Steps', o.Steps, 'LearningRate', o.LearningRate, 'Batch', o.Batch, ...
           'WeightDecay', o.WeightDecay, 'Verbose', o.Verbose};
  switch (kind)
    case 'mlp'
      model = mlp_create ([2*n h 2*n], create{:});
      model = mlp_train (model, X, prep.dX(rows, :), train{:});
    case 'hnn'
      model = hnn_create (n, h, create{:});
      model = hnn_train (model, X, prep.dX(rows, :), train{:});
    case 'lnn'
      model = lnn_create (n, h, create{:});
      model = lnn_train (model, X(:, 1:n), X(:, n+1:end), prep.Qdd(rows, :), train{:});
  end
end

function require (kind)
  f = [kind '_train'];
  if (~exist (f))
    error ('hlnn:fin:model', 'fin_fit: model kind ''%s'' needs %s, which is not installed', kind, f);
  end
end

%!shared prep
%! t = (0:399)' / 260;
%! P = 100 * exp (0.05 * sin (t * 2 * pi * [1 1.5]));
%! prep = fin_phase_space (t, P, 'TrainWindow', [1 300], 'NoiseWarning', false);

%!test
%! m = fin_fit ('mlp', prep, 'Hidden', 8, 'Steps', 50);
%! assert (m.kind, 'mlp');
%! assert (m.sizes, [4 8 4]);
%! assert (m.opt.step, 50);
%! % same seed, same data: bit-identical
%! m2 = fin_fit ('mlp', prep, 'Hidden', 8, 'Steps', 50);
%! assert (isequal (m.W, m2.W));

%!test
%! % training reads only prep.train_rows: anything else may change
%! p2 = prep;
%! other = setdiff (1:400, prep.train_rows);
%! p2.X(other, :) = 7;
%! p2.dX(other, :) = -7;
%! a = fin_fit ('mlp', prep, 'Hidden', 4, 'Steps', 20);
%! b = fin_fit ('mlp', p2, 'Hidden', 4, 'Steps', 20);
%! assert (isequal (a.W, b.W) && isequal (a.b, b.b));

%!test
%! % the HNN's defaults: learned dissipation from the velocity decay,
%! % label-variance loss weights; Create overrides them
%! m = fin_fit ('hnn', prep, 'Hidden', 8, 'Steps', 0);
%! assert (m.dissipation, 'learned');
%! assert (m.gamma, prep.velocity_decay * prep.norm.tscale, 1e-12);
%! assert (m.loss_weights, 1 ./ var (prep.dX(prep.train_rows, :)), 1e-12);
%! m = fin_fit ('hnn', prep, 'Hidden', 8, 'Steps', 0, ...
%!              'Create', {'Dissipation', 'none', 'Gamma', [], 'LossWeights', []});
%! assert (m.dissipation, 'none');
%! assert (m.loss_weights, ones (1, 4));

%!error <KIND must be> fin_fit ('gru', prep)
%!error <PREP must come> fin_fit ('mlp', struct ())
%!error <Hidden> fin_fit ('mlp', prep, 'Hidden', 0)
%!error <Create must be> fin_fit ('mlp', prep, 'Create', 3)
%!error <Init must be> fin_fit ('mlp', prep, 'Create', {'Init', 'zeros'})
%!error <Init must be> fin_fit ('mlp', prep, 'Create', struct ('mlp', {{'Init', 'zeros'}}))

%!test
%! % per-kind creation options reach only their kind
%! a = fin_fit ('mlp', prep, 'Hidden', 4, 'Steps', 1, 'Create', struct ('hnn', {{'Foo', 1}}));
%! b = fin_fit ('mlp', prep, 'Hidden', 4, 'Steps', 1, 'Create', struct ('mlp', {{'Init', 'he'}}));
%! assert (a.options.Init, 'glorot');
%! assert (b.options.Init, 'he');
%!error <Invalid call> fin_fit ('mlp')

%!demo
%! D = fin_load_data ('ust-tcm-monthly');
%! prep = fin_phase_space (D.t, D.P, 'Log', false, 'VelocityWindow', 3, 'TrainWindow', [1 400]);
%! model = fin_fit ('mlp', prep, 'Steps', 300, 'Verbose', true);
