% -*- texinfo -*-
% @deftypefn {hlnn} {@var{C} =} hlnn_fuzz_cases ()
% The hostile-input table of the fuzz test (see test_fuzz_inputs).
%
% Each public function and MEX gateway is described once by
% @code{fuzz_fn}: a valid call (arguments, names, output count), a bad-value
% generator per argument, an option-list generator, and its arity.  Every
% case is that valid call with ONE argument (or option list) replaced by
% a bad value; the call must raise an error whose identifier starts with
% @code{hlnn:} and whose message contains @code{C(i).name} (or one of the
% names, when it is a cell: e.g. the option and the gateway field it
% becomes).  Arity cases
% of .m functions without @code{varargin} (too many inputs or outputs) are
% rejected by the interpreter itself; they are marked @code{interp} and
% must raise @code{Octave:invalid-fun-call} naming the function.
%
% The table is deterministic (no random numbers), so a parent process and
% the child processes it starts agree on case numbers.  To cover a new
% function, add one @code{fuzz_fn} line below.
% @end deftypefn
function C = hlnn_fuzz_cases ()
  m = mlp_create ([2 5 3 1], 'Seed', 1);
  X = reshape (linspace (-1, 1, 12), 6, 2);
  Y = sin (X(:, 1));
  cfg = struct ('steps', 2, 'batch', 6, 'lr', 1e-3, 'optimizer', 'adam', ...
                'beta1', 0.9, 'beta2', 0.999, 'eps', 1e-8, 'momentum', 0, ...
                'weight_decay', 0, 'clip_norm', 0, 'seed', 0);
  model_m   = @(v, nm) bad_model (v, nm, {'any', 'm'});
  model_mx  = @(v, nm) bad_model (v, nm, {'any'});
  model_mt  = @(v, nm) bad_model (v, nm, {'any', 'm', 'train', 'mtrain'});
  model_mxt = @(v, nm) bad_model (v, nm, {'any', 'train'});
  data = @(v, nm) bad_matrix (v, nm, true);
  data_nonfinite_ok = @(v, nm) bad_matrix (v, nm, false);
  data_rows = @(v, nm) [bad_matrix(v, nm, true), bad_rows(v, nm)];

  F = {};
  % ---- .m API ------------------------------------------------------------
  F{end+1} = fuzz_fn ('hlnn', {2}, {'nthreads'}, {@bad_count}, 1, [0 1 1], ...
                      'm', []);
  F{end+1} = fuzz_fn ('mlp_create', {[2 3 1]}, {'SIZES'}, {@bad_sizes}, 1, ...
                      [1 Inf 1], 'm', @bad_create_opts);
  F{end+1} = fuzz_fn ('mlp_predict', {m, X}, {'MODEL', 'X'}, ...
                      {model_m, data}, 1, [2 2 1], 'm', []);
  F{end+1} = fuzz_fn ('mlp_train', {m, X, Y}, {'MODEL', 'X', 'Y'}, ...
                      {model_mt, data, data_rows}, 1, [3 Inf 1], 'm', ...
                      @(nm) bad_train_opts ({X, Y}));
  % ---- Hamiltonian networks (when present) -------------------------------
  if (exist ('hnn_create', 'file'))
    mh = hnn_create (1, [5 3], 'Seed', 1);
    dXh = [cos(X(:, 1)), -sin(X(:, 2))];
    F{end+1} = fuzz_fn ('hnn_create', {1, [8 8]}, {'N', 'HIDDEN'}, ...
                        {@bad_count, @(v, nm) bad_hidden (v, nm, true)}, 1, [2 Inf 1], 'm', ...
                        @(nm) [bad_create_opts(nm), bad_hnn_opts(nm)]);
    F{end+1} = fuzz_fn ('hnn_train', {mh, X, dXh}, {'MODEL', 'X', 'dX'}, ...
                        {@(v, nm) bad_model (v, nm, {'any', 'm', 'train', 'mtrain'}), ...
                         data, data_rows}, 1, [3 Inf 1], 'm', ...
                        @(nm) bad_train_opts ({X, dXh}));
    for f = {'hnn_field', 'hnn_energy'}
      F{end+1} = fuzz_fn (f{1}, {mh, X}, {'MODEL', 'X'}, ...
                          {@(v, nm) bad_model (v, nm, {'any', 'm'}), data}, 1, [2 2 1], 'm', []);
    end
    for f = {'hlnn_hnn_field_mex', 'hlnn_hnn_energy_mex'}   % pass NaN/Inf through
      F{end+1} = fuzz_fn (f{1}, {mh, X}, {'model', 'X'}, ...
                          {@(v, nm) bad_model (v, nm, {'any'}), data_nonfinite_ok}, 1, [2 2 1], 'mex', []);
    end
  end
  % ---- Lagrangian networks (when present) --------------------------------
  if (exist ('lnn_create', 'file'))
    ml = lnn_create (1, [5 3], 'Seed', 1);
    q = linspace (-1, 1, 6)';
    qd = cos (3 * q);
    qdd = -sin (q);
    model_l = @(v, nm) bad_model (v, nm, {'any', 'm'});
    model_lt = @(v, nm) bad_model (v, nm, {'any', 'm', 'train', 'mtrain'});
    model_lx = @(v, nm) bad_model (v, nm, {'any'});
    F{end+1} = fuzz_fn ('lnn_create', {1, [8 8]}, {'N', 'HIDDEN'}, ...
                        {@bad_count, @(v, nm) bad_hidden (v, nm, false)}, 1, [2 Inf 1], 'm', ...
                        @(nm) [bad_create_opts(nm), bad_reg_opts(nm)]);
    F{end+1} = fuzz_fn ('lnn_train', {ml, q, qd, qdd}, {'MODEL', 'Q', 'Qd', 'Qdd'}, ...
                        {model_lt, data, data_rows, data_rows}, 1, [4 Inf 1], 'm', ...
                        @(nm) bad_train_opts ({q, qd, qdd}));
    for f = {'lnn_accel', 'lnn_energy', 'lnn_lagrangian'}
      F{end+1} = fuzz_fn (f{1}, {ml, q, qd}, {'MODEL', 'Q', 'Qd'}, ...
                          {model_l, data, data_rows}, 1 + strcmp (f{1}, 'lnn_accel'), ...
                          [3 3 1 + strcmp(f{1}, 'lnn_accel')], 'm', []);
    end
    for f = {'hlnn_lnn_accel_mex', 'hlnn_lnn_lagrangian_mex'}
      F{end+1} = fuzz_fn (f{1}, {ml, q, qd}, {'model', 'Q', 'Qd'}, ...
                          {model_lx, data, data_rows}, 2, [3 3 2], 'mex', []);
    end
  end
  % ---- systems, datasets, derivatives, rollouts (when present) -----------
  if (exist ('hlnn_system', 'file'))
    sys = hlnn_system ('spring');
    X0 = [1 0; 0 0.5];
    t = [0 0.5 1];
    mr = mlp_create ([2 4 3 2], 'Seed', 1);   % bad_model needs 3 layers
    tt = linspace (0, 1, 9)';
    F{end+1} = fuzz_fn ('hlnn_system', {'spring'}, {'NAME'}, {@bad_system_name}, ...
                        1, [1 Inf 1], 'm', @bad_system_opts);
    F{end+1} = fuzz_fn ('hlnn_system_eval', {sys, 'field', X0}, {'SYS', 'WHAT', 'X'}, ...
                        {@bad_sys, @bad_string, data}, 1, [3 Inf 1], 'm', []);
    F{end+1} = fuzz_fn ('hlnn_system_eval', {sys, 'sample', 3, 1}, ...
                        {'SYS', 'WHAT', 'N', 'SEED'}, ...
                        {@none, @none, @bad_count, @bad_seed}, 1, [], 'm', [], {}, ' (sample)');
    F{end+1} = fuzz_fn ('hlnn_dataset', {sys}, {'SYS'}, {@bad_sys}, 1, [1 Inf 1], ...
                        'm', @bad_dataset_opts, {'Trajectories', 2, 'Points', 5});
    % any numeric class and T x d x K arrays are valid X
    F{end+1} = fuzz_fn ('hlnn_derivative', {tt, sin(tt)}, {'T', 'X'}, ...
                        {@bad_times, @(v, nm) [bad_plotdata(v, nm), bad_rows(v, nm)]}, ...
                        1, [2 Inf 1], 'm', @bad_derivative_opts);
    F{end+1} = fuzz_fn ('hlnn_energy_drift', {@(Z) sum (Z.^2, 2), rand3(X0), 1}, ...
                        {'ENERGY', 'XS', 'EREF'}, {@bad_energy_fn, @bad_plotdata, @bad_eref}, ...
                        3, [2 3 3], 'm', []);
    F{end+1} = fuzz_fn ('hlnn_rollout', {sys, X0, t}, {'SRC', 'X0', 'T'}, ...
                        {@bad_src, data, @bad_times}, 3, [3 Inf 3], 'm', @bad_rollout_opts);
    F{end+1} = fuzz_fn ('hlnn_rollout', {mr, X0, t}, {'SRC', 'X0', 'T'}, ...
                        {@(v, nm) also_named (bad_model (v, 'model', {'any'}), 'SRC'), @none, @none}, ...
                        3, [], 'm', [], {}, ' (model)');
    F{end+1} = fuzz_fn ('hlnn_rollout_mex', {sys, X0, t, struct('method', 'rk4')}, ...
                        {'source', 'X0', 't', 'opts'}, ...
                        {@(v, nm) also_named (bad_src (v, nm), {'model', 'system', 'X0'}), ...
                         data, @bad_times, @bad_rollout_struct}, 2, [4 4 2], 'mex', []);
    F{end+1} = fuzz_fn ('hlnn_system_mex', {'field', 'spring', [], X0}, ...
                        {'what', 'name', 'params', 'X'}, ...
                        {@bad_string, @bad_string, @bad_params, data}, 1, [3 4 1], 'mex', []);
  end
  % ---- finance adapters (when present) ------------------------------------
  if (exist ('fin_split', 'file'))
    tf = (0:399)' / 260;
    Pf = 100 * exp (0.05 * sin (tf * 2 * pi * [1 1.5]));
    prep = fin_phase_space (tf, Pf, 'TrainWindow', [1 300], 'NoiseWarning', false);
    mf = fin_fit ('mlp', prep, 'Hidden', 4, 'Steps', 2);
    e1 = sin ((1:50)');
    e2 = cos ((1:50)');
    qf = log (Pf(:, 1));
    bt = {'Models', {'rw'}, 'Horizons', 1, 'Split', {'TrainSize', 250, 'NumFolds', 1}, 'Verbose', false};
    F{end+1} = fuzz_fn ('fin_split', {100}, {'N'}, {@bad_count}, 1, [1 Inf 1], 'm', ...
                        @bad_split_opts);
    F{end+1} = fuzz_fn ('fin_dm_test', {e1, e2, 1}, {'E1', 'E2', 'H'}, ...
                        {@(v, nm) also_named ([bad_plotdata(v, nm), bad_rows(v, nm)], 'same size'), ...
                         @(v, nm) also_named ([bad_plotdata(v, nm), bad_rows(v, nm)], 'same size'), ...
                         @bad_count}, 3, [3 Inf 3], 'm', ...
                        @(nm) bad1 ([], 'Loss', 'Loss unknown', {'Loss', 'qlike'}));
    F{end+1} = fuzz_fn ('fin_load_data', {'eustockmarkets', ''}, {'NAME', 'DIR'}, ...
                        {@bad_system_name, @bad_folder}, 1, [1 2 1], 'm', []);
    F{end+1} = fuzz_fn ('fin_phase_space', {tf, Pf}, {'T', 'P'}, ...
                        {@bad_times, @(v, nm) [bad_plotdata(v, nm), bad_rows(v, nm)]}, ...
                        1, [2 Inf 1], 'm', @bad_phase_opts, {'TrainWindow', [1 300], 'NoiseWarning', false});
    F{end+1} = fuzz_fn ('fin_baseline', {'rw', qf, [1 100], 150, 1}, ...
                        {'KIND', 'Q', 'WINDOW', 'ORIGINS', 'HORIZONS'}, ...
                        {@bad_system_name, @bad_plotdata, @bad_window, @bad_indices, @bad_indices}, ...
                        2, [5 Inf 2], 'm', []);
    F{end+1} = fuzz_fn ('fin_fit', {'mlp', prep}, {'KIND', 'PREP'}, ...
                        {@bad_system_name, @bad_prep}, 1, [2 Inf 1], 'm', @bad_finfit_opts, ...
                        {'Hidden', 4, 'Steps', 2});
    F{end+1} = fuzz_fn ('fin_forecast', {mf, prep, 300, 1}, ...
                        {'MODEL', 'PREP', 'ORIGIN_IDX', 'HORIZONS'}, ...
                        {@bad_finmodel, @bad_prep, @bad_origin, @bad_indices}, 1, [4 Inf 1], 'm', ...
                        @(nm) bad1 ([], 'Gamma', 'Gamma negative', {'Gamma', -1}));
    F{end+1} = fuzz_fn ('fin_inverse', {prep, ones(3, 2)}, {'PREP', 'Z'}, ...
                        {@bad_prep, @(v, nm) [bad_plotdata(v, nm), bad1(v, nm, 'three columns', ones (3, 3))]}, ...
                        3, [2 2 3], 'm', []);
    F{end+1} = fuzz_fn ('fin_scenarios', {mf, prep, [1 0]}, {'MODEL', 'PREP', 'SHOCKS'}, ...
                        {@bad_finmodel, @bad_prep, @bad_shocks}, 1, [3 Inf 1], 'm', @bad_scen_opts);
    F{end+1} = fuzz_fn ('fin_backtest', {tf, Pf}, {'T', 'P'}, ...
                        {@bad_times, @(v, nm) [bad_plotdata(v, nm), bad_rows(v, nm)]}, ...
                        1, [2 Inf 1], 'm', [], bt);
    % a placeholder R: only bad values and arity cases use it
    F{end+1} = fuzz_fn ('fin_allocate', {struct()}, {'R'}, {@bad_backtest_result}, ...
                        1, [1 Inf 1], 'm', []);
  end
  % ---- fits, ensembles, sweeps, build, figures ----------------------------
  % valid calls train 2 steps serially; data with an eval part, so that
  % the Predict option is used
  serial = {'Workers', 1, 'TrainOptions', {'Steps', 2, 'Verbose', false}};
  fitdata = struct ('train', {{X, Y}}, 'eval', {{X}});
  make = @(s) mlp_create ([2 4 1], 'Seed', s);
  make_p = @(p) mlp_create ([2 4 1], 'Seed', 1);
  F{end+1} = fuzz_fn ('hlnn_fit', {m, fitdata}, {'MODEL', 'DATA'}, ...
                      {@bad_fit_model, @bad_fit_data}, 1, [2 Inf 1], 'm', ...
                      @(nm) bad_exec_opts ('fit', serial(3:4)), serial(3:4));
  F{end+1} = fuzz_fn ('hlnn_ensemble', {make, fitdata, 1:2}, ...
                      {'MAKE_MODEL', 'DATA', 'SEEDS'}, ...
                      {@bad_maker, @bad_fit_data, @bad_seeds}, 2, [3 Inf 2], 'm', ...
                      @(nm) bad_exec_opts ('ensemble', serial), serial);
  F{end+1} = fuzz_fn ('hlnn_sweep', {struct('LearningRate', [1e-3 2e-3]), make_p, fitdata}, ...
                      {'GRID', 'MAKE_MODEL', 'DATA'}, ...
                      {@bad_grid, @bad_maker, @bad_fit_data}, 1, [3 Inf 1], 'm', ...
                      @(nm) bad_exec_opts ('sweep', serial), serial);
  F{end+1} = fuzz_fn ('hlnn_build_mex', {'DryRun', true}, {'DryRun', 'DryRun value'}, ...
                      {@none, @none}, 1, [0 Inf 1], 'm', @bad_build_opts);
  F{end+1} = fuzz_fn ('hlnn_plot_phase', {ones(5, 2)}, {'Xs'}, ...
                      {@(v, nm) [bad_plotdata(v, nm), bad1(v, nm, 'odd state columns', ones (5, 3))]}, ...
                      1, [1 Inf 1], 'm', @(nm) bad_plot_opts ('phase'));
  F{end+1} = fuzz_fn ('hlnn_plot_energy', {(1:5)', ones(5, 1)}, {'T', 'E'}, ...
                      {@(v, nm) [bad_plotdata(v, nm), bad1(v, nm, 'matrix', ones (5, 2))], ...
                       @(v, nm) [bad_plotdata(v, nm), bad1(v, nm, 'one row short', ones (4, 1))]}, ...
                      1, [2 Inf 1], 'm', @(nm) bad_plot_opts ('energy'));
  F{end+1} = fuzz_fn ('hlnn_plot_history', {m}, {'MODEL'}, {@bad_history_model}, ...
                      1, [1 Inf 1], 'm', @(nm) bad_plot_opts ('history'));
  % ---- MEX gateways, called directly -------------------------------------
  F{end+1} = fuzz_fn ('hlnn_info_mex', {2}, {'nthreads'}, {@bad_count}, 1, ...
                      [0 1 1], 'mex', []);
  F{end+1} = fuzz_fn ('hlnn_mlp_init_mex', {[2 3 1], 'glorot', 1}, ...
                      {'sizes', 'scheme', 'seed'}, ...
                      {@bad_sizes, @bad_string, @bad_seed}, 2, [3 3 2], 'mex', []);
  % the gateway passes NaN/Inf inputs through (mlp_predict refuses them)
  F{end+1} = fuzz_fn ('hlnn_mlp_forward_mex', {m, X}, {'model', 'X'}, ...
                      {model_mx, data_nonfinite_ok}, 1, [2 2 1], 'mex', []);
  F{end+1} = fuzz_fn ('hlnn_loss_mex', {m, X, Y}, {'model', 'X', 'Y'}, ...
                      {model_mx, data, data_rows}, 2, [3 3 2], 'mex', []);
  F{end+1} = fuzz_fn ('hlnn_train_mex', {m, X, Y, cfg}, ...
                      {'model', 'X', 'Y', 'cfg'}, ...
                      {model_mxt, data, data_rows, @bad_cfg}, 3, [4 4 3], 'mex', []);

  C = struct ('label', {}, 'fn', {}, 'args', {}, 'nout', {}, 'name', {}, ...
              'interp', {});
  for k = 1:numel (F)
    C = [C, expand(F{k})];
  end
  labels = {C.label};
  if (numel (unique (labels)) ~= numel (labels))
    error ('hlnn_fuzz_cases: duplicate case labels');
  end
end

% One function: a valid call and how to break it.  nargs = [min max maxout]
% (max = Inf for varargin); type 'm' or 'mex'; optgen(name) -> bad option
% lists appended to the valid call (or []); tail: options appended to the
% cases of bad positional arguments (default none); a second entry for the
% same function gives a label suffix and nargs = [] (no arity cases).
function f = fuzz_fn (fn, args, names, gens, nout, nargs, type, optgen, tail, suffix)
  if (nargin < 9)
    tail = {};
  end
  if (nargin < 10)
    suffix = '';
  end
  f = struct ('fn', fn, 'args', {args}, 'names', {names}, 'gens', {gens}, ...
              'nout', nout, 'nargs', nargs, 'type', type, 'optgen', optgen, ...
              'tail', {tail}, 'label', [fn, suffix]);
end

function C = expand (f)
  C = struct ('label', {}, 'fn', {}, 'args', {}, 'nout', {}, 'name', {}, ...
              'interp', {});
  for k = 1:numel (f.args)
    V = f.gens{k} (f.args{k}, f.names{k});
    for j = 1:numel (V)
      a = f.args;
      a{k} = V(j).value;
      C(end+1) = mkcase (sprintf ('%s %s: %s', f.label, f.names{k}, V(j).label), ...
                         f.fn, [a, f.tail], f.nout, V(j).name, false);
    end
  end
  if (~isempty (f.optgen))
    V = f.optgen ('options');
    for j = 1:numel (V)
      C(end+1) = mkcase (sprintf ('%s options: %s', f.label, V(j).label), f.fn, ...
                         [f.args, V(j).value], f.nout, V(j).name, false);
    end
  end
  % arity: too few inputs, too many inputs, too many outputs
  if (isempty (f.nargs))
    return;
  end
  lo = f.nargs(1); hi = f.nargs(2); maxout = f.nargs(3);
  for n = 0:lo-1
    C(end+1) = mkcase (sprintf ('%s nargin %d', f.fn, n), f.fn, f.args(1:n), ...
                       min (f.nout, 1), f.fn, false);
  end
  if (isfinite (hi))
    interp = strcmp (f.type, 'm');
    pad = repmat ({1}, 1, hi - numel (f.args));   % the valid call may use fewer
    C(end+1) = mkcase (sprintf ('%s nargin %d', f.fn, hi + 1), f.fn, ...
                       [f.args, pad, {1}], f.nout, f.fn, interp);
    C(end+1) = mkcase (sprintf ('%s nargin %d', f.fn, hi + 2), f.fn, ...
                       [f.args, pad, {1, 'x'}], f.nout, f.fn, interp);
  end
  C(end+1) = mkcase (sprintf ('%s nargout %d', f.fn, maxout + 1), f.fn, ...
                     f.args, maxout + 1, f.fn, strcmp (f.type, 'm'));
end

function c = mkcase (label, fn, args, nout, name, interp)
  c = struct ('label', label, 'fn', fn, 'args', {args}, 'nout', nout, ...
              'name', {name}, 'interp', interp);
end

% a list of bad values: v(i).label, v(i).value, v(i).name (what the
% message must name)
function V = bad (V, label, value, name)
  V(end+1) = struct ('label', label, 'value', {value}, 'name', {name});
end

function V = empty_list ()
  V = struct ('label', {}, 'value', {}, 'name', {});
end

% ---- generators --------------------------------------------------------
function V = bad_matrix (G, nm, finite)
  V = empty_list ();
  V = bad (V, 'int32', int32 (G), nm);
  V = bad (V, 'single', single (G), nm);
  V = bad (V, 'uint64', uint64 (abs (G)), nm);
  V = bad (V, 'int8 scalar', int8 (1), nm);
  V = bad (V, 'logical', G > 0, nm);
  V = bad (V, 'char', repmat ('a', size (G)), nm);
  V = bad (V, 'string', 'X', nm);
  V = bad (V, 'cell', num2cell (G), nm);
  V = bad (V, 'empty cell', {}, nm);
  V = bad (V, 'struct', struct ('value', G), nm);
  V = bad (V, 'function handle', @sin, nm);
  V = bad (V, 'complex', complex (G, ones (size (G))), nm);
  V = bad (V, 'complex, zero imaginary part', complex (G, zeros (size (G))), nm);
  V = bad (V, 'single complex', single (complex (G, 1)), nm);
  V = bad (V, 'sparse', sparse (G), nm);
  V = bad (V, 'sparse logical', sparse (G > 0), nm);
  V = bad (V, 'empty []', [], nm);
  V = bad (V, 'zero rows', zeros (0, columns (G)), nm);
  if (finite)
    V = bad (V, 'NaN', setel (G, 1, NaN), nm);
    V = bad (V, 'NA', setel (G, 2, NA), nm);
    V = bad (V, 'Inf', setel (G, numel (G), Inf), nm);
    V = bad (V, '-Inf', setel (G, 3, -Inf), nm);
  end
  V = bad (V, 'extra column', [G, G(:, 1)], nm);
  if (columns (G) > 1)
    V = bad (V, 'missing column', G(:, 1:end-1), nm);
    V = bad (V, 'stacked into one column', G(:), nm);
  else
    V = bad (V, 'zero columns', zeros (rows (G), 0), nm);
    V = bad (V, 'as a row', G', nm);
  end
  V = bad (V, '3-D', cat (3, G, G), nm);
  V = bad (V, 'wide row of 1e4', zeros (1, 1e4), nm);
end

function V = bad_rows (G, nm)
  V = empty_list ();
  V = bad (V, 'one row short', G(1:end-1, :), nm);
  V = bad (V, 'twice the rows', [G; G], nm);
  V = bad (V, 'one row', G(1, :), nm);
end

function V = bad_count (v, nm)
  V = empty_list ();
  V = bad (V, 'zero', 0, nm);
  V = bad (V, 'negative', -1, nm);
  V = bad (V, 'fractional', 1.5, nm);
  V = bad (V, 'huge', 1e20, nm);
  V = bad (V, 'NaN', NaN, nm);
  V = bad (V, 'Inf', Inf, nm);
  V = bad (V, 'empty', [], nm);
  V = bad (V, 'vector', [1 2], nm);
  V = bad (V, 'char', '2', nm);
  V = bad (V, 'cell', {2}, nm);
  V = bad (V, 'struct', struct ('n', 2), nm);
  V = bad (V, 'function handle', @() 2, nm);
  V = bad (V, 'complex', 2 + 1i, nm);
  V = bad (V, 'sparse', sparse (2), nm);
  V = bad (V, 'logical', true, nm);
end

function V = bad_seed (v, nm)
  V = empty_list ();
  V = bad (V, 'negative', -1, nm);
  V = bad (V, 'fractional', 0.5, nm);
  V = bad (V, '2^32', 2^32, nm);
  V = bad (V, 'NaN', NaN, nm);
  V = bad (V, 'Inf', Inf, nm);
  V = bad (V, 'empty', [], nm);
  V = bad (V, 'vector', [1 2], nm);
  V = bad (V, 'char', 'a', nm);
  V = bad (V, 'cell', {1}, nm);
  V = bad (V, 'complex', 1i, nm);
  if (strcmp (nm, 'seed'))    % the .m API takes any real numeric class
    V = bad (V, 'int32', int32 (1), nm);
  end
end

function V = bad_sizes (v, nm)
  V = empty_list ();
  V = bad (V, 'empty', [], nm);
  V = bad (V, 'one width', 3, nm);
  V = bad (V, 'zero width', [2 0 1], nm);
  V = bad (V, 'negative width', [2 -3 1], nm);
  V = bad (V, 'fractional width', [2 1.5 1], nm);
  V = bad (V, 'NaN width', [2 NaN 1], nm);
  V = bad (V, 'Inf width', [2 Inf 1], nm);
  V = bad (V, 'width 1e7', [2 1e7 1], nm);
  V = bad (V, '1e12 parameters', [2 1e6 1e6 1], nm);
  V = bad (V, '70 layers', 2 * ones (1, 70), nm);
  V = bad (V, 'complex', [2 3 1] + 1i, nm);
  V = bad (V, 'sparse', sparse ([2 3 1]), nm);
  V = bad (V, 'matrix', [2 3; 3 1], nm);
  V = bad (V, 'char', 'abc', nm);
  V = bad (V, 'cell', {2, 3, 1}, nm);
  V = bad (V, 'struct', struct ('sizes', [2 3 1]), nm);
  V = bad (V, 'function handle', @ones, nm);
  V = bad (V, 'logical', true (1, 3), nm);
  V = bad (V, '3-D', cat (3, [2 3], [3 1]), nm);
end

function V = bad_hidden (v, nm, allow_empty)
  % one width is a valid HIDDEN (and no hidden layer, where allowed); the
  % layout-size errors come from the initialiser, which names the whole
  % layout (sizes)
  V = bad_sizes (v, nm);
  V = V(~strcmp ({V.label}, 'one width'));
  if (allow_empty)
    V = V(~strcmp ({V.label}, 'empty'));
  end
  for i = find (ismember ({V.label}, {'1e12 parameters', '70 layers'}))
    V(i).name = 'sizes';
  end
end

function V = bad_system_opts (nm)
  V = empty_list ();
  V = bad (V, 'unknown name', {'q', 1}, 'q');
  V = bad (V, 'parameter negative', {'m', -1}, {'m', 'parameters'});
  V = bad (V, 'parameter NaN', {'k', NaN}, 'k');
  V = bad (V, 'parameter char', {'k', 'a'}, 'k');
  V = bad (V, 'parameter vector', {'k', [1 2]}, 'k');
  V = bad (V, 'RadiusRange reversed', {'RadiusRange', [1 0.5]}, 'RadiusRange');
  V = bad (V, 'RadiusRange scalar', {'RadiusRange', 1}, 'RadiusRange');
  V = bad (V, 'RadiusRange char', {'RadiusRange', 'ab'}, 'RadiusRange');
  V = bad (V, 'EnergyRange for a spring', {'EnergyRange', [0 1]}, 'EnergyRange');
end

function V = bad_split_opts (nm)
  V = empty_list ();
  V = bad (V, 'unknown name', {'Folds', 2}, 'Folds');
  V = bad (V, 'Method unknown', {'Method', 'shuffle'}, 'Method');
  V = bad (V, 'Embargo negative', {'Embargo', -1}, 'Embargo');
  V = bad (V, 'NumFolds 0', {'NumFolds', 0}, 'NumFolds');
  V = bad (V, 'TrainSize char', {'TrainSize', 'a'}, 'TrainSize');
  V = bad (V, 'no test rows left', {'TrainSize', 99, 'Embargo', 1}, {'test rows', 'TrainSize'});
end

function V = bad_phase_opts (nm)
  V = empty_list ();
  V = bad (V, 'unknown name', {'Window', 3}, 'Window');
  V = bad (V, 'TrainWindow reversed', {'TrainWindow', [300 1]}, 'TrainWindow');
  V = bad (V, 'TrainWindow char', {'TrainWindow', 'ab'}, 'TrainWindow');
  V = bad (V, 'PeriodsPerYear negative', {'PeriodsPerYear', -1}, 'PeriodsPerYear');
  V = bad (V, 'NoiseWarning char', {'NoiseWarning', 'no'}, 'NoiseWarning');
end

function V = bad_window (v, nm)
  V = empty_list ();
  V = bad (V, 'reversed', fliplr (v), nm);
  V = bad (V, 'scalar', 5, nm);
  V = bad (V, 'NaN', [1 NaN], nm);
  V = bad (V, 'char', 'ab', nm);
  V = bad (V, 'beyond the data', [1 1e6], nm);
end

function V = bad_prep (p, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'struct without fields', struct (), nm);
  V = bad (V, 'cell', {p}, nm);
  V = bad (V, 'struct array', [p, p], nm);
end

function V = bad_finmodel (m, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'kind unknown', struct ('kind', 'gru'), nm);
  V = bad (V, 'cell', {m}, nm);
end

function V = bad_finfit_opts (nm)
  V = empty_list ();
  V = bad (V, 'Hidden 0', {'Hidden', 0}, 'Hidden');
  V = bad (V, 'Create numeric', {'Create', 3}, 'Create');
  V = bad (V, 'Create bad pair', {'Create', {'Init', 'zeros'}}, 'Init');
  V = bad (V, 'Steps negative', {'Steps', -1}, 'Steps');
end

function V = bad_folder (v, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'cell', {'data'}, nm);
  V = bad (V, 'struct', struct (), nm);
  V = bad (V, 'two rows', ['ab'; 'cd'], nm);
end

function V = bad_indices (v, nm)
  % vectors of indices are valid: these are not
  V = bad_count (v, nm);
  V = V(~strcmp ({V.label}, 'vector'));
  V = bad (V, 'vector with a zero', [1 0], nm);
end

function V = bad_origin (v, nm)
  V = empty_list ();
  V = bad (V, 'beyond the data', 401, nm);
  V = bad (V, 'zero', 0, nm);
  V = bad (V, 'fractional', 300.5, nm);
  V = bad (V, 'NaN', NaN, nm);
  V = bad (V, 'char', 'a', nm);
end

function V = bad_shocks (v, nm)
  V = empty_list ();
  V = bad (V, 'three columns', [1 2 3], nm);
  V = bad (V, 'NaN', [NaN 0], nm);
  V = bad (V, 'char', 'ab', nm);
  V = bad (V, 'cell', {1, 0}, nm);
  V = bad (V, 'complex', [1i 0], nm);
end

function V = bad_scen_opts (nm)
  V = empty_list ();
  V = bad (V, 'Origin beyond', {'Origin', 2}, 'Origin');
  V = bad (V, 'Labels too many', {'Labels', {'a', 'b'}}, 'Labels');
  V = bad (V, 'unknown name', {'Shock', 1}, 'Shock');
end

function V = bad_backtest_result (v, nm)
  V = empty_list ();
  V = bad (V, 'struct without fields', struct (), nm);
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'char', 'R', nm);
  V = bad (V, 'cell', {}, nm);
end

function V = bad_system_name (v, nm)
  V = bad_string (v, nm);     % names are case-insensitive
  V = V(~strcmp ({V.label}, 'upper case'));
end

function V = also_named (V, names)
  for i = 1:numel (V)
    V(i).name = [cellstr(V(i).name), cellstr(names)];
  end
end

function V = bad_sys (sys, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'char', 'spring', nm);
  V = bad (V, 'a model', mlp_create ([2 3 2]), nm);
  V = bad (V, 'struct array', [sys, sys], nm);
  V = bad (V, 'no field name', rmfield (sys, 'name'), nm);
  V = bad (V, 'name unknown', setf (sys, 'name', 'spring2'), {nm, 'name'});
  V = bad (V, 'params char', setf (sys, 'params', 'ab'), nm);
  V = bad (V, 'params one short', setf (sys, 'params', 1), nm);
  V = bad (V, 'params NaN', setf (sys, 'params', [NaN 1]), nm);
end

function V = bad_src (sys, nm)
  V = bad_sys (sys, nm);
  V = V(~strcmp ({V.label}, 'a model'));
  V = bad (V, 'a model with 1 output', mlp_create ([2 3 1]), {nm, 'model'});
  V = bad (V, 'a model with 3 inputs', mlp_create ([3 3 3]), {nm, 'X0'});
  V = bad (V, 'function handle', @(t, x) x, nm);
end

function V = bad_times (t, nm)
  sz = size (t);
  t = t(:)';
  V = empty_list ();
  V = bad (V, 'not increasing', [t(1:2), t(2), t(3:end)], nm);
  V = bad (V, 'decreasing', fliplr (t(:)'), nm);
  V = bad (V, 'NaN', setel (t, 2, NaN), nm);
  V = bad (V, 'Inf', setel (t, numel (t), Inf), nm);
  V = bad (V, 'complex', t + 1i, nm);
  V = bad (V, 'char', 'abc', nm);
  V = bad (V, 'cell', num2cell (t), nm);
  V = bad (V, 'matrix', [t(:), t(:)], nm);
  V = bad (V, 'empty', [], nm);
  for i = 1:numel (V)       % in the valid call's orientation
    if (isnumeric (V(i).value) && numel (V(i).value) == prod (sz))
      V(i).value = reshape (V(i).value, sz);
    end
  end
end

function V = bad_derivative_opts (nm)
  V = empty_list ();
  V = bad (V, 'unknown name', {'Smooth', 1}, 'Smooth');
  V = bad (V, 'Method unknown', {'Method', 'spline'}, 'Method');
  V = bad (V, 'Method numeric', {'Method', 2}, 'Method');
  V = bad (V, 'Window even', {'Method', 'sgolay', 'Window', 4}, 'Window');
  V = bad (V, 'Window NaN', {'Method', 'sgolay', 'Window', NaN}, 'Window');
  V = bad (V, 'Order too high', {'Method', 'sgolay', 'Window', 5, 'Order', 5}, 'Order');
  V = bad (V, 'Order negative', {'Method', 'sgolay', 'Window', 5, 'Order', -1}, 'Order');
end

function V = bad_dataset_opts (nm)
  V = empty_list ();
  V = bad (V, 'unknown name', {'Size', 3}, 'Size');
  V = bad (V, 'Trajectories 0', {'Trajectories', 0}, 'Trajectories');
  V = bad (V, 'Trajectories fractional', {'Trajectories', 1.5}, 'Trajectories');
  V = bad (V, 'Points 2', {'Points', 2}, 'Points');
  V = bad (V, 'Points char', {'Points', 'a'}, 'Points');
  V = bad (V, 'TimeSpan reversed', {'TimeSpan', [1 0]}, 'TimeSpan');
  V = bad (V, 'TimeSpan NaN', {'TimeSpan', [0 NaN]}, 'TimeSpan');
  V = bad (V, 'Noise negative', {'Noise', -1}, 'Noise');
  V = bad (V, 'TestFraction 1', {'TestFraction', 1}, 'TestFraction');
  V = bad (V, 'TestFraction negative', {'TestFraction', -0.1}, 'TestFraction');
  V = bad (V, 'Seed negative', {'Seed', -1}, 'Seed');
  V = bad (V, 'Method unknown', {'Method', 'euler'}, 'Method');
  V = bad (V, 'RelTol negative', {'RelTol', -1}, 'RelTol');
  V = bad (V, 'Derivative unknown', {'Derivative', 'spline'}, 'Derivative');
end

function V = bad_energy_fn (f, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'name string', 'sum', nm);
  V = bad (V, 'cell', {f}, nm);
  V = bad (V, 'one value for all states', @(Z) 1, nm);
  V = bad (V, 'a matrix per state', @(Z) Z, nm);
end

function V = bad_eref (e, nm)
  V = empty_list ();
  V = bad (V, 'vector of 3', [1 2 3], nm);
  V = bad (V, 'char', 'a', nm);
  V = bad (V, 'cell', {1}, nm);
  V = bad (V, 'complex', 1i, nm);
end

function V = bad_rollout_opts (nm)
  V = empty_list ();
  V = bad (V, 'unknown name', {'Tol', 1}, 'Tol');
  V = bad (V, 'Method unknown', {'Method', 'euler'}, 'Method');
  V = bad (V, 'Method numeric', {'Method', 4}, 'Method');
  V = bad (V, 'Step negative', {'Method', 'rk4', 'Step', -0.1}, 'Step');
  V = bad (V, 'Step NaN', {'Method', 'rk4', 'Step', NaN}, 'Step');
  V = bad (V, 'Step char', {'Method', 'rk4', 'Step', 'a'}, 'Step');
  V = bad (V, 'RelTol negative', {'Method', 'rkf45', 'RelTol', -1}, 'RelTol');
  V = bad (V, 'AbsTol NaN', {'Method', 'rkf45', 'AbsTol', NaN}, 'AbsTol');
  V = bad (V, 'MaxSteps fractional', {'MaxSteps', 2.5}, {'MaxSteps', 'max_steps'});
  V = bad (V, 'Independent char', {'Independent', 'yes'}, 'Independent');
  V = bad (V, 'Solver unknown', {'Method', 'midpoint', 'Solver', 'secant'}, 'Solver');
  V = bad (V, 'SolveTol negative', {'Method', 'midpoint', 'SolveTol', -1}, 'SolveTol');
  V = bad (V, 'SolveMaxIter 0', {'Method', 'midpoint', 'SolveMaxIter', 0}, {'SolveMaxIter', 'solve_maxit'});
end

function V = bad_rollout_struct (o, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, 'opts');
  V = bad (V, 'struct array', [o, o], 'opts');
  V = bad (V, 'method unknown', struct ('method', 'euler'), 'method');
  V = bad (V, 'method numeric', struct ('method', 4), 'method');
  V = bad (V, 'step negative', struct ('method', 'rk4', 'step', -0.1), 'step');
  V = bad (V, 'step NaN', struct ('method', 'rk4', 'step', NaN), 'step');
  V = bad (V, 'step char', struct ('method', 'rk4', 'step', 'a'), 'step');
  V = bad (V, 'reltol negative', struct ('method', 'rkf45', 'reltol', -1), 'reltol');
  V = bad (V, 'max_steps 1e300', struct ('max_steps', 1e300), 'max_steps');
  V = bad (V, 'solver unknown', struct ('method', 'midpoint', 'solver', 'secant'), 'solver');
  V = bad (V, 'solve_maxit 0', struct ('method', 'midpoint', 'solve_maxit', 0), 'solve_maxit');
end

function V = bad_params (p, nm)
  V = empty_list ();
  V = bad (V, 'one short', 1, nm);
  V = bad (V, 'one extra', [1 2 3], nm);
  V = bad (V, 'NaN', [NaN 1], nm);
  V = bad (V, 'negative mass', [2 -1], nm);
  V = bad (V, 'char', 'ab', nm);
  V = bad (V, 'complex', [1 1i], nm);
  V = bad (V, 'cell', {2, 0.5}, nm);
end

function A = rand3 (X0)
  % two short trajectories, time x state x trajectory
  A = cat (3, [X0; X0 * 0.9], [X0; X0 * 1.1]);
end

function V = bad_hnn_opts (nm)
  V = empty_list ();
  V = bad (V, 'Activation relu', {'Activation', 'relu'}, 'Activation');
  V = bad (V, 'Dissipation unknown', {'Dissipation', 'viscous'}, 'Dissipation');
  V = bad (V, 'Dissipation numeric', {'Dissipation', 1}, 'Dissipation');
  V = bad (V, 'Dissipation fixed without Gamma', {'Dissipation', 'fixed'}, 'Gamma');
  V = bad (V, 'Gamma without Dissipation', {'Gamma', 0.1}, 'Gamma');
  V = bad (V, 'Gamma negative', {'Dissipation', 'fixed', 'Gamma', -1}, 'Gamma');
  V = bad (V, 'Gamma NaN', {'Dissipation', 'fixed', 'Gamma', NaN}, 'Gamma');
  V = bad (V, 'Gamma char', {'Dissipation', 'fixed', 'Gamma', 'a'}, 'Gamma');
  V = bad (V, 'learned Gamma 0', {'Dissipation', 'learned', 'Gamma', 0}, 'Gamma');
  V = bad (V, 'LossWeights one short', {'LossWeights', 1}, 'LossWeights');
  V = bad (V, 'LossWeights NaN', {'LossWeights', [1 NaN]}, 'LossWeights');
  V = bad (V, 'LossWeights negative', {'LossWeights', [1 -1]}, 'LossWeights');
  V = bad (V, 'LossWeights char', {'LossWeights', 'ab'}, 'LossWeights');
end

function V = bad_reg_opts (nm)
  V = empty_list ();
  V = bad (V, 'Regularization negative', {'Regularization', -1}, 'Regularization');
  V = bad (V, 'Regularization NaN', {'Regularization', NaN}, 'Regularization');
  V = bad (V, 'Regularization char', {'Regularization', 'a'}, 'Regularization');
  V = bad (V, 'Activation relu', {'Activation', 'relu'}, 'Activation');
end

function V = bad_string (v, nm)
  V = empty_list ();
  V = bad (V, 'unknown', 'nonsense', nm);
  V = bad (V, 'empty', '', nm);
  V = bad (V, 'number', 5, nm);
  V = bad (V, 'cell', {v}, nm);
  V = bad (V, 'two rows', [v; v], nm);
  V = bad (V, 'very long', repmat ('a', 1, 5000), nm);
  V = bad (V, 'upper case', upper (v), nm);
  V = bad (V, 'trailing blank', [v ' '], nm);
end

% A model broken in one way.  Tags: 'any' (every consumer must refuse it),
% 'm' (refused by the .m API, which also checks sizes and kind), 'train'
% (refused by training: optimizer state), 'mtrain' (refused by the .m
% training loop: seed, history).
function V = bad_model (m, nm, tags)
  T = empty_list ();
  % structure
  T = tag (T, 'any', 'double', 3, nm);
  T = tag (T, 'any', 'char', 'mlp', nm);
  T = tag (T, 'any', 'cell', {m}, nm);
  T = tag (T, 'any', '1x2 struct array', [m, m], nm);
  T = tag (T, 'any', '0x0 struct array', m([]), nm);
  T = tag (T, 'any', 'struct without fields', struct (), nm);
  T = tag (T, 'any', 'function handle', @mlp_create, nm);
  f = {'kind', 'activation', 'W', 'b'};
  for i = 1:numel (f)
    T = tag (T, 'any', ['no field ' f{i}], rmfield (m, f{i}), f{i});
  end
  T = tag (T, 'm', 'no field sizes', rmfield (m, 'sizes'), 'sizes');
  % kind and activation
  T = tag (T, 'any', 'kind unknown', setf (m, 'kind', 'cnn'), 'kind');
  T = tag (T, 'any', 'kind numeric', setf (m, 'kind', 5), 'kind');
  T = tag (T, 'any', 'kind cell', setf (m, 'kind', {'mlp'}), 'kind');
  T = tag (T, 'any', 'kind two rows', setf (m, 'kind', ['mlp'; 'mlp']), 'kind');
  T = tag (T, 'any', 'kind long', setf (m, 'kind', repmat ('m', 1, 300)), 'kind');
  others = setdiff ({'mlp', 'hnn', 'lnn'}, m.kind);
  for i = 1:numel (others)
    T = tag (T, 'm', ['kind ' others{i}], setf (m, 'kind', others{i}), 'kind');
  end
  if (any (strcmp (m.kind, {'hnn', 'lnn'})))
    % the energy networks need a second derivative
    T = tag (T, 'any', 'activation relu', setf (m, 'activation', 'relu'), 'activation');
  end
  if (strcmp (m.kind, 'hnn'))
    T = tag (T, 'any', 'dissipation unknown', setf (m, 'dissipation', 'viscous'), 'dissipation');
    T = tag (T, 'any', 'dissipation numeric', setf (m, 'dissipation', 1), 'dissipation');
    T = tag (T, 'any', 'fixed dissipation, no gamma', setf (rmfield (m, 'gamma'), 'dissipation', 'fixed'), 'gamma');
    T = tag (T, 'any', 'fixed dissipation, gamma NaN', setf (setf (m, 'dissipation', 'fixed'), 'gamma', NaN), 'gamma');
    T = tag (T, 'any', 'fixed dissipation, gamma negative', setf (setf (m, 'dissipation', 'fixed'), 'gamma', -1), 'gamma');
    T = tag (T, 'any', 'learned dissipation, no rho', setf (m, 'dissipation', 'learned'), 'rho');
    T = tag (T, 'any', 'learned dissipation, rho NaN', setf (setf (m, 'dissipation', 'learned'), 'rho', NaN), 'rho');
    T = tag (T, 'any', 'loss_weights one short', setf (m, 'loss_weights', 1), 'loss_weights');
    T = tag (T, 'any', 'loss_weights NaN', setf (m, 'loss_weights', [1 NaN]), 'loss_weights');
    T = tag (T, 'any', 'loss_weights negative', setf (m, 'loss_weights', [1 -1]), 'loss_weights');
  end
  if (strcmp (m.kind, 'lnn'))
    T = tag (T, 'any', 'regularization negative', setf (m, 'regularization', -1), 'regularization');
    T = tag (T, 'any', 'regularization NaN', setf (m, 'regularization', NaN), 'regularization');
    T = tag (T, 'any', 'regularization char', setf (m, 'regularization', 'a'), 'regularization');
  end
  T = tag (T, 'any', 'activation unknown', setf (m, 'activation', 'cube'), 'activation');
  T = tag (T, 'any', 'activation numeric', setf (m, 'activation', 1), 'activation');
  T = tag (T, 'any', 'activation empty', setf (m, 'activation', ''), 'activation');
  % layer cells
  T = tag (T, 'any', 'W numeric', setf (m, 'W', m.W{1}), 'W');
  T = tag (T, 'any', 'W empty cell', setf (m, 'W', {}), 'W');
  T = tag (T, 'any', 'b numeric', setf (m, 'b', 0), 'b');
  T = tag (T, 'any', 'b one layer short', setf (m, 'b', m.b(1:end-1)), 'b');
  T = tag (T, 'any', 'W one layer short', setf (m, 'W', m.W(2:end)), 'W');
  T = tag (T, 'any', '70 layers', setf (setf (m, 'W', repmat ({1}, 70, 1)), ...
                                         'b', repmat ({0}, 70, 1)), 'W');
  % W{1}' disagrees with b{1} as much as with W{2}: either may be named
  T = tag (T, 'any', 'W{1} transposed', setw (m, 'W', 1, m.W{1}'), 'model');
  T = tag (T, 'any', 'W{2} one column short', setw (m, 'W', 2, m.W{2}(:, 1:end-1)), 'W{2}');
  T = tag (T, 'any', 'b{1} one short', setw (m, 'b', 1, m.b{1}(1:end-1)), 'b{1}');
  T = tag (T, 'any', 'b{2} a row', setw (m, 'b', 2, m.b{2}'), 'b{2}');
  T = tag (T, 'any', 'W{1} NaN', setw (m, 'W', 1, setel (m.W{1}, 1, NaN)), 'W{1}');
  T = tag (T, 'any', 'W{3} Inf', setw (m, 'W', 3, setel (m.W{3}, 1, Inf)), 'W{3}');
  T = tag (T, 'any', 'b{1} NaN', setw (m, 'b', 1, setel (m.b{1}, 2, NaN)), 'b{1}');
  T = tag (T, 'any', 'b{3} -Inf', setw (m, 'b', 3, -Inf), 'b{3}');
  T = tag (T, 'any', 'W{1} complex', setw (m, 'W', 1, complex (m.W{1}, 1)), 'W{1}');
  T = tag (T, 'any', 'W{2} int32', setw (m, 'W', 2, int32 (m.W{2})), 'W{2}');
  T = tag (T, 'any', 'W{1} single', setw (m, 'W', 1, single (m.W{1})), 'W{1}');
  T = tag (T, 'any', 'W{1} sparse', setw (m, 'W', 1, sparse (m.W{1})), 'W{1}');
  T = tag (T, 'any', 'W{1} logical', setw (m, 'W', 1, m.W{1} > 0), 'W{1}');
  T = tag (T, 'any', 'W{1} empty', setw (m, 'W', 1, []), 'W{1}');
  T = tag (T, 'any', 'W{2} cell', setw (m, 'W', 2, {m.W{2}}), 'W{2}');
  T = tag (T, 'any', 'W{1} 3-D', setw (m, 'W', 1, cat (3, m.W{1}, m.W{1})), 'W{1}');
  T = tag (T, 'any', 'b{2} char', setw (m, 'b', 2, repmat ('a', size (m.b{2}))), 'b{2}');
  T = tag (T, 'm', 'sizes disagree with W', setf (m, 'sizes', [3 5 3 1]), 'sizes');
  T = tag (T, 'm', 'sizes char', setf (m, 'sizes', 'abc'), 'sizes');
  % optimizer state and history (training only)
  T = tag (T, 'train', 'opt numeric', setf (m, 'opt', 5), 'opt');
  T = tag (T, 'train', 'opt 0x0 struct', setf (m, 'opt', struct ('step', {}, 'm', {}, 'v', {})), 'opt');
  T = tag (T, 'train', 'opt 1x2 struct', setf (m, 'opt', [m.opt, m.opt]), 'opt');
  T = tag (T, 'train', 'opt.m wrong length', setf (m, 'opt', setf (m.opt, 'm', ones (3, 1))), 'opt.m');
  T = tag (T, 'train', 'opt.v NaN', setf (m, 'opt', setf (m.opt, 'v', NaN (nparams (m), 1))), 'opt.v');
  T = tag (T, 'train', 'opt.m complex', setf (m, 'opt', setf (m.opt, 'm', complex (zeros (nparams (m), 1), 1))), 'opt.m');
  T = tag (T, 'train', 'opt.step negative', setf (m, 'opt', setf (m.opt, 'step', -1)), 'opt.step');
  T = tag (T, 'train', 'opt.step fractional', setf (m, 'opt', setf (m.opt, 'step', 1.5)), 'opt.step');
  T = tag (T, 'train', 'opt.step NaN', setf (m, 'opt', setf (m.opt, 'step', NaN)), 'opt.step');
  T = tag (T, 'train', 'opt.step char', setf (m, 'opt', setf (m.opt, 'step', 'a')), 'opt.step');
  T = tag (T, 'mtrain', 'opt.seed missing', setf (m, 'opt', rmfield (m.opt, 'seed')), 'opt.seed');
  T = tag (T, 'mtrain', 'opt.seed fractional', setf (m, 'opt', setf (m.opt, 'seed', 0.5)), 'opt.seed');
  T = tag (T, 'mtrain', 'no field opt', rmfield (m, 'opt'), 'opt');
  T = tag (T, 'mtrain', 'no field history', rmfield (m, 'history'), 'history');
  T = tag (T, 'mtrain', 'history numeric', setf (m, 'history', 1), 'history');
  T = tag (T, 'mtrain', 'history.loss missing', setf (m, 'history', rmfield (m.history, 'loss')), 'history');
  keep = false (1, numel (T));
  for i = 1:numel (T)
    keep(i) = any (strcmp (T(i).tag, tags));
  end
  T = T(keep);
  V = empty_list ();
  for i = 1:numel (T)
    if (any (strcmp (T(i).name, {'MODEL', 'model'})))
      name = nm;
    else
      name = [lower(nm) '.' T(i).name];
    end
    V = bad (V, T(i).label, T(i).value, name);
  end
end

function T = tag (T, t, label, value, name)
  if (isempty (T))
    T = struct ('tag', {}, 'label', {}, 'value', {}, 'name', {});
  end
  T(end+1) = struct ('tag', t, 'label', label, 'value', {value}, 'name', name);
end

function V = bad_cfg (c, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'empty', [], nm);
  V = bad (V, '1x2 struct', [c, c], nm);
  V = bad (V, '0x0 struct', c([]), nm);
  V = bad (V, 'cell', {c}, nm);
  f = fieldnames (c);
  for i = 1:numel (f)
    V = bad (V, ['no field ' f{i}], rmfield (c, f{i}), ['cfg.' f{i}]);
  end
  num = {'steps', 'batch', 'lr', 'beta1', 'beta2', 'eps', 'momentum', ...
         'weight_decay', 'clip_norm', 'seed'};
  for i = 1:numel (num)
    n = ['cfg.' num{i}];
    V = bad (V, [num{i} ' NaN'], setf (c, num{i}, NaN), n);
    V = bad (V, [num{i} ' negative'], setf (c, num{i}, -1), n);
    V = bad (V, [num{i} ' char'], setf (c, num{i}, 'a'), n);
    V = bad (V, [num{i} ' vector'], setf (c, num{i}, [1 2]), n);
    V = bad (V, [num{i} ' int32'], setf (c, num{i}, int32 (1)), n);
  end
  V = bad (V, 'steps fractional', setf (c, 'steps', 2.5), 'cfg.steps');
  V = bad (V, 'steps 1e12', setf (c, 'steps', 1e12), 'cfg.steps');
  V = bad (V, 'steps 1e15', setf (c, 'steps', 1e15), 'cfg.steps');
  V = bad (V, 'batch 0', setf (c, 'batch', 0), 'cfg.batch');
  V = bad (V, 'lr 0', setf (c, 'lr', 0), 'cfg.lr');
  V = bad (V, 'lr Inf', setf (c, 'lr', Inf), 'cfg.lr');
  V = bad (V, 'beta1 1', setf (c, 'beta1', 1), 'cfg.beta1');
  V = bad (V, 'beta2 1', setf (c, 'beta2', 1), 'cfg.beta2');
  V = bad (V, 'eps 0', setf (c, 'eps', 0), 'cfg.eps');
  V = bad (V, 'momentum 1', setf (c, 'momentum', 1), 'cfg.momentum');
  V = bad (V, 'seed 2^32', setf (c, 'seed', 2^32), 'cfg.seed');
  V = bad (V, 'optimizer unknown', setf (c, 'optimizer', 'lbfgs'), 'cfg.optimizer');
  V = bad (V, 'optimizer numeric', setf (c, 'optimizer', 1), 'cfg.optimizer');
  V = bad (V, 'optimizer cell', setf (c, 'optimizer', {'adam'}), 'cfg.optimizer');
end

function V = bad_create_opts (nm)
  V = empty_list ();
  V = bad (V, 'unknown name', {'Foo', 1}, 'Foo');
  V = bad (V, 'name without value', {'Seed'}, 'options');
  V = bad (V, 'numeric name', {5, 1}, 'option names');
  V = bad (V, 'cell name', {{'Seed'}, 1}, 'option names');
  V = bad (V, 'struct array', {struct('Seed', {1, 2})}, 'options struct');
  V = bad (V, 'struct with unknown field', {struct('Sed', 1)}, 'Sed');
  V = bad (V, 'Activation unknown', {'Activation', 'cube'}, 'Activation');
  V = bad (V, 'Activation numeric', {'Activation', 3}, 'Activation');
  V = bad (V, 'Activation cell', {'Activation', {'tanh'}}, 'Activation');
  V = bad (V, 'Init unknown', {'Init', 'zeros'}, 'Init');
  V = bad (V, 'Init numeric', {'Init', 0}, 'Init');
  S = bad_seed (0, 'Seed');
  for i = 1:numel (S)
    V = bad (V, ['Seed ' S(i).label], {'Seed', S(i).value}, 'Seed');
  end
end

% bad training options; val: a valid Validation cell (its arrays in the
% order the training function takes them)
function V = bad_train_opts (val)
  V = empty_list ();
  V = bad (V, 'unknown name', {'Stpes', 3}, 'Stpes');
  V = bad (V, 'name without value', {'Steps'}, 'options');
  V = bad (V, 'numeric name', {3, 3}, 'option names');
  V = bad (V, 'struct array', {struct('Steps', {1, 2})}, 'options struct');
  counts = {'Steps', 'Batch', 'ValidateEvery'};
  for i = 1:numel (counts)
    n = counts{i};
    V = bad (V, [n ' negative'], {n, -1}, n);
    V = bad (V, [n ' fractional'], {n, 2.5}, n);
    V = bad (V, [n ' NaN'], {n, NaN}, n);
    V = bad (V, [n ' char'], {n, '3'}, n);
    V = bad (V, [n ' vector'], {n, [1 2]}, n);
    V = bad (V, [n ' logical'], {n, true}, n);
    V = bad (V, [n ' complex'], {n, 3i}, n);
    V = bad (V, [n ' cell'], {n, {3}}, n);
  end
  V = bad (V, 'Steps Inf', {'Steps', Inf}, 'Steps');
  V = bad (V, 'Batch 0', {'Batch', 0}, 'Batch');
  reals = {'LearningRate', 'WeightDecay', 'Beta1', 'Beta2', 'Epsilon', ...
           'Momentum', 'ClipNorm', 'TimeBudget', 'CheckpointEvery', 'ChunkSeconds'};
  for i = 1:numel (reals)
    n = reals{i};
    V = bad (V, [n ' negative'], {n, -0.5}, n);
    V = bad (V, [n ' NaN'], {n, NaN}, n);
    V = bad (V, [n ' char'], {n, 'a'}, n);
    V = bad (V, [n ' vector'], {n, [0.1 0.2]}, n);
    V = bad (V, [n ' complex'], {n, 0.1i}, n);
  end
  V = bad (V, 'LearningRate 0', {'LearningRate', 0}, 'LearningRate');
  V = bad (V, 'LearningRate Inf', {'LearningRate', Inf}, 'LearningRate');
  V = bad (V, 'WeightDecay Inf', {'WeightDecay', Inf}, 'WeightDecay');
  V = bad (V, 'ClipNorm Inf', {'ClipNorm', Inf}, 'ClipNorm');
  V = bad (V, 'Beta1 1', {'Beta1', 1}, 'Beta1');
  V = bad (V, 'Beta2 1', {'Beta2', 1}, 'Beta2');
  V = bad (V, 'Momentum 1', {'Momentum', 1}, 'Momentum');
  V = bad (V, 'Epsilon 0', {'Epsilon', 0}, 'Epsilon');
  V = bad (V, 'Epsilon Inf', {'Epsilon', Inf}, 'Epsilon');
  V = bad (V, 'Optimizer unknown', {'Optimizer', 'lbfgs'}, 'Optimizer');
  V = bad (V, 'Optimizer numeric', {'Optimizer', 2}, 'Optimizer');
  S = bad_seed (0, 'Seed');
  for i = 1:numel (S)
    if (~strcmp (S(i).label, 'empty'))   % Seed [] means: the model's seed
      V = bad (V, ['Seed ' S(i).label], {'Seed', S(i).value}, 'Seed');
    end
  end
  k = numel (val);
  V = bad (V, 'Validation numeric', {'Validation', 5}, 'Validation');
  V = bad (V, 'Validation one cell short', {'Validation', val(1:end-1)}, 'Validation');
  V = bad (V, 'Validation one cell extra', {'Validation', [val, val(end)]}, 'Validation');
  V = bad (V, 'Validation{1} a column extra', {'Validation', setc(val, 1, [val{1}, val{1}(:, 1)])}, 'Validation{1}');
  V = bad (V, 'Validation{1} single', {'Validation', setc(val, 1, single (val{1}))}, 'Validation{1}');
  V = bad (V, sprintf ('Validation{%d} rows', k), {'Validation', setc(val, k, val{k}(1:2, :))}, sprintf ('Validation{%d}', k));
  V = bad (V, sprintf ('Validation{%d} NaN', k), {'Validation', setc(val, k, setel (val{k}, 1, NaN))}, sprintf ('Validation{%d}', k));
  V = bad (V, 'Verbose char', {'Verbose', 'yes'}, 'Verbose');
  V = bad (V, 'Verbose vector', {'Verbose', [1 0]}, 'Verbose');
  V = bad (V, 'Verbose cell', {'Verbose', {}}, 'Verbose');
  V = bad (V, 'ValidateEvery Inf', {'ValidateEvery', Inf}, 'ValidateEvery');
  V = bad (V, 'KeepBest char', {'KeepBest', 'yes'}, 'KeepBest');
  V = bad (V, 'KeepBest vector', {'KeepBest', [1 0]}, 'KeepBest');
  V = bad (V, 'ValidateEvery without Validation', {'ValidateEvery', 5}, 'ValidateEvery');
  V = bad (V, 'KeepBest without Validation', {'KeepBest', true}, 'KeepBest');
  V = bad (V, 'KeepBest without ValidateEvery', {'KeepBest', true, 'Validation', val}, 'KeepBest');
  V = bad (V, 'Checkpoint numeric', {'Checkpoint', 5}, 'Checkpoint');
  V = bad (V, 'Checkpoint cell', {'Checkpoint', {'a.mat'}}, 'Checkpoint');
  V = bad (V, 'Checkpoint in a missing folder', ...
           {'Checkpoint', '/nonexistent-hlnn-dir/ck.mat'}, 'Checkpoint');
end

function V = none (v, nm)
  V = empty_list ();
end

function V = bad1 (v, nm, label, value)
  V = bad (empty_list (), label, value, nm);
end

function V = bad_fit_model (m, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'char', 'mlp', nm);
  V = bad (V, 'cell', {m}, nm);
  V = bad (V, '1x2 struct array', [m, m], nm);
  V = bad (V, 'struct without fields', struct (), nm);
  V = bad (V, 'no field kind', rmfield (m, 'kind'), nm);
  V = bad (V, 'kind numeric', setf (m, 'kind', 3), nm);
  V = bad (V, 'kind unknown', setf (m, 'kind', 'toy'), 'kind');
  % the rest is the training function's to refuse, naming the field
  V = bad (V, 'W{1} NaN', setw (m, 'W', 1, setel (m.W{1}, 1, NaN)), 'model.W{1}');
  V = bad (V, 'sizes disagree with W', setf (m, 'sizes', [3 5 3 1]), 'model.sizes');
  V = bad (V, 'no field opt', rmfield (m, 'opt'), 'model.opt');
end

function V = bad_fit_data (s, nm)
  d = s.train;
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'empty cell', {}, nm);
  V = bad (V, 'char', 'data', nm);
  V = bad (V, 'struct without train', struct ('eval', {{1}}), nm);
  V = bad (V, 'struct, train numeric', struct ('train', 3), nm);
  V = bad (V, 'struct, eval numeric', struct ('train', {d}, 'eval', 3), nm);
  V = bad (V, 'struct, unknown field', struct ('train', {d}, 'test', {d}), nm);
  V = bad (V, 'struct array', struct ('train', {d, d}), nm);
  V = bad (V, 'X with a column short', {d{1}(:, 1), d{2}}, 'X');
  V = bad (V, 'Y one row short', {d{1}, d{2}(1:end-1)}, 'Y');
  V = bad (V, 'X NaN', {setel(d{1}, 1, NaN), d{2}}, 'X');
end

function V = bad_maker (f, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'name string', 'mlp_create', nm);
  V = bad (V, 'cell', {f}, nm);
  V = bad (V, 'returns a number', @(s) 3, nm);
  V = bad (V, 'returns a struct without kind', @(s) struct ('W', 1), nm);
end

function V = bad_seeds (v, nm)
  V = empty_list ();
  V = bad (V, 'negative', [1 -1], nm);
  V = bad (V, 'fractional', [1 1.5], nm);
  V = bad (V, '2^32', 2^32, nm);
  V = bad (V, 'NaN', NaN, nm);
  V = bad (V, 'Inf', Inf, nm);
  V = bad (V, 'char', 'ab', nm);
  V = bad (V, 'cell', {1, 2}, nm);
  V = bad (V, 'matrix', [1 2; 3 4], nm);
  V = bad (V, 'complex', [1 2i], nm);
end

function V = bad_grid (g, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'struct without fields', struct (), nm);
  V = bad (V, 'empty values', struct ('LearningRate', {{}}), nm);
  V = bad (V, 'cell', {g}, nm);
  V = bad (V, 'char', 'LearningRate', nm);
  V = bad (V, 'an invalid training value', struct ('LearningRate', -1), 'LearningRate');
end

% bad options, each after the valid ones (later pairs win)
function V = bad_exec_opts (area, valid)
  V = empty_list ();
  V = bad (V, 'unknown name', {'Steps', 3}, 'Steps');
  V = bad (V, 'name without value', {'Threads'}, 'options');
  V = bad (V, 'Threads 0', {'Threads', 0}, 'Threads');
  V = bad (V, 'Threads fractional', {'Threads', 1.5}, 'Threads');
  V = bad (V, 'Threads char', {'Threads', 'a'}, 'Threads');
  V = bad (V, 'TrainOptions numeric', {'TrainOptions', 5}, 'TrainOptions');
  V = bad (V, 'TrainOptions bad pair', {'TrainOptions', {'Beta1', 2}}, 'Beta1');
  V = bad (V, 'Train string', {'Train', 'mlp_train'}, 'Train');
  V = bad (V, 'Predict string', {'Predict', 'mlp_predict'}, 'Predict');
  if (~strcmp (area, 'fit'))
    V = bad (V, 'Workers 0', {'Workers', 0}, 'Workers');
    V = bad (V, 'Workers fractional', {'Workers', 1.5}, 'Workers');
    V = bad (V, 'Workers char', {'Workers', 'many'}, 'Workers');
    V = bad (V, 'Cluster numeric', {'Cluster', 3}, 'Cluster');
  end
  for i = 1:numel (V)
    V(i).value = [valid, V(i).value];
  end
end

function V = bad_build_opts (nm)
  V = empty_list ();
  V = bad (V, 'unknown name', {'Output', 'x'}, 'Output');
  V = bad (V, 'SourceDir numeric', {'SourceDir', 3}, 'SourceDir');
  V = bad (V, 'SourceDir without sources', {'SourceDir', tempdir()}, 'SourceDir');
  V = bad (V, 'OutDir numeric', {'OutDir', 3}, 'OutDir');
  V = bad (V, 'Gateways numeric', {'Gateways', 3}, 'Gateways');
  V = bad (V, 'Gateways unknown', {'Gateways', {'nonexistent_mex'}}, 'Gateways');
  V = bad (V, 'CFlags numeric', {'CFlags', 3}, 'CFlags');
  V = bad (V, 'DryRun char', {'DryRun', 'yes'}, 'DryRun');
  V = bad (V, 'Verbose cell', {'Verbose', {}}, 'Verbose');
end

function V = bad_plotdata (v, nm)
  V = empty_list ();
  V = bad (V, 'char', repmat ('a', size (v)), nm);
  V = bad (V, 'cell', num2cell (v), nm);
  V = bad (V, 'struct', struct ('x', v), nm);
  V = bad (V, 'function handle', @sin, nm);
  V = bad (V, 'complex', complex (v, 1), nm);
  V = bad (V, 'empty', [], nm);
  V = bad (V, 'logical', v > 0, nm);
  V = bad (V, '4-D', ones (2, 2, 2, 2), nm);
end

function V = bad_history_model (m, nm)
  V = empty_list ();
  V = bad (V, 'double', 3, nm);
  V = bad (V, 'char', 'mlp', nm);
  V = bad (V, 'function handle', @sin, nm);
  V = bad (V, 'struct without history', rmfield (m, 'history'), nm);
  V = bad (V, 'history numeric', setf (m, 'history', 3), nm);
  V = bad (V, 'cell with a number', {m, 3}, nm);
end

function V = bad_plot_opts (which)
  V = empty_list ();
  V = bad (V, 'unknown name', {'Colour', 'r'}, 'Colour');
  V = bad (V, 'Axes numeric', {'Axes', 3}, 'Axes');
  V = bad (V, 'File numeric', {'File', 3}, 'File');
  V = bad (V, 'Title cell', {'Title', {'t'}}, 'Title');
  V = bad (V, 'Resolution 5', {'Resolution', 5}, 'Resolution');
  V = bad (V, 'Resolution char', {'Resolution', 'a'}, 'Resolution');
  V = bad (V, 'Names numeric', {'Names', 3}, 'Names');
  switch (which)
    case 'history'
      V = bad (V, 'Names too many', {'Names', {'a', 'b', 'c'}}, 'Names');
    case 'phase'
      V = bad (V, 'Dof 0', {'Dof', 0}, 'Dof');
      V = bad (V, 'Dof 2 of 1', {'Dof', 2}, 'Dof');
      V = bad (V, 'Dof fractional', {'Dof', 0.5}, 'Dof');
      V = bad (V, 'Labels numeric', {'Labels', 3}, 'Labels');
      V = bad (V, 'Labels one', {'Labels', {'q'}}, 'Labels');
    case 'energy'
      V = bad (V, 'Names too many', {'Names', {'a', 'b', 'c'}}, 'Names');
      V = bad (V, 'Drift char', {'Drift', 'yes'}, 'Drift');
      V = bad (V, 'Drift vector', {'Drift', [1 0]}, 'Drift');
  end
end

% ---- small helpers -----------------------------------------------------
function G = setel (G, i, v)
  G(i) = v;
end

function c = setc (c, i, v)
  c{i} = v;
end

function s = setf (s, f, v)
  s.(f) = v;
end

function m = setw (m, f, l, v)
  m.(f){l} = v;
end

function n = nparams (m)
  n = sum (cellfun (@numel, m.W)) + sum (cellfun (@numel, m.b));
end
