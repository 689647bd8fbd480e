% -*- texinfo -*-
% @deftypefn {hlnn} {@var{model} =} hlnn_model_new (@var{kind}, @var{sizes}, @var{activation}, @var{init}, @var{seed}, @var{n}, @var{options})
% The plain model struct shared by all kinds (internal), laid out as in
% DESIGN.md section 3: kind, n, sizes, activation, W, b, opt, history,
% options, version.  Weights come from the seeded C initialiser.
% @end deftypefn
function model = hlnn_model_new (kind, sizes, activation, init, seed, n, options)
  [W, b] = hlnn_mlp_init_mex (sizes, init, seed);
  info = hlnn_info_mex ();
  model = struct ();
  model.kind = kind;
  model.n = n;
  model.sizes = sizes;
  model.activation = activation;
  model.W = W;
  model.b = b;
  model.opt = struct ('step', 0, 'm', [], 'v', [], 'seed', seed);
  model.history = struct ('step', zeros (0, 1), 'loss', zeros (0, 1), ...
                          'val_step', zeros (0, 1), 'val_loss', zeros (0, 1), ...
                          'time', zeros (0, 1), 'time_step', zeros (0, 1), ...
                          'diverged_at', []);
  model.options = options;
  model.version = info.version;
end
