% -*- texinfo -*-
% @deftypefn {hlnn} {@var{model} =} hlnn_train_loop (@var{model}, @var{X}, @var{Y}, @var{opts}, @var{fname})
% The training loop behind mlp_train, hnn_train and lnn_train (internal).
%
% Calls the C step gateway for chunks of steps that take about
% @code{opts.ChunkSeconds} each, so that between chunks it can print
% progress, compute the validation loss, honour the step and time budgets
% and write checkpoints.  Chunking does not change the result: minibatches
% depend only on (seed, step) and the optimizer state lives in the model.
% With @code{opts.ValidateEvery} a chunk also ends where the model's step
% count is a multiple of it, so the validation points, and the model
% @code{opts.KeepBest} returns, depend neither on the machine's speed
% nor on how a run was split into calls.
%
% Progress (unless @code{opts.Verbose} is false): on a terminal one line
% redrawn in place after every chunk (carriage return, then ANSI
% clear-to-end-of-line), elsewhere (log files, pipes) a
% plain line about once a second; then a summary line.  Neither language
% has an isatty, so the terminal test is honest but narrow.  Octave (on
% Linux) reads the link @file{/proc/self/fd/1} and redraws only when it
% names a terminal device (@file{/dev/pts/*}, @file{/dev/tty*}); where
% @file{/proc} is missing (macOS, Windows) lines are plain.  MATLAB
% (untested: no MATLAB here) redraws only without its desktop, whose
% command window ignores ANSI sequences, and when Java's
% @code{System.console ()} exists, i.e. standard input and output are a
% terminal.  The environment variable @env{HLNN_PROGRESS} set to
% @qcode{inplace} or @qcode{lines} overrides the test.
% @end deftypefn
function model = hlnn_train_loop (model, X, Y, opts, fname)
  check_state (model, fname);
  opts = check_opts (opts, fname);
  if (~isempty (opts.Seed))
    model.opt.seed = opts.Seed;
  end
  cfg = struct ('steps', 0, 'batch', min (opts.Batch, size (X, 1)), ...
                'lr', opts.LearningRate, 'optimizer', lower (opts.Optimizer), ...
                'beta1', opts.Beta1, 'beta2', opts.Beta2, ...
                'eps', opts.Epsilon, 'momentum', opts.Momentum, ...
                'weight_decay', opts.WeightDecay, 'clip_norm', opts.ClipNorm, ...
                'seed', model.opt.seed);
  have_val = ~isempty (opts.Validation);
  if (have_val)
    Xv = opts.Validation{1};
    Yv = opts.Validation{2};
  end
  every = opts.ValidateEvery;
  best = [];            % with KeepBest: the model of the lowest validation loss so far
  best_loss = Inf;

  total = opts.Steps;
  done = 0;
  chunk = 1;
  t0 = tic ();
  time_offset = last_or_nan (model.history.time);
  if (isnan (time_offset))
    time_offset = 0;
  end
  last_ckpt = toc (t0);
  last_print = -Inf;
  inplace = opts.Verbose && progress_in_place ();
  drawn = false;        % an unfinished in-place line is on the terminal
  prev_start = [];      % model at the start of the previous chunk
  prev_steps = 0;
  model.options.train = opts;
  model.options.train.Validation = {};   % the model does not carry data
  % the gateway keeps its workspace from chunk to chunk; free it however
  % this function ends (normally, on an error, on Ctrl-C)
  release = onCleanup (@() hlnn_train_mex ('release'));

  while (done < total)
    if (toc (t0) >= opts.TimeBudget)
      if (opts.Verbose)
        drawn = end_line (drawn);
        fprintf ('%s: time budget of %g s reached at step %d\n', fname, ...
                 opts.TimeBudget, model.opt.step);
      end
      break;
    end
    cfg.steps = min (chunk, total - done);
    if (every > 0)
      cfg.steps = min (cfg.steps, every - mod (model.opt.step, every));
    end
    start = model;
    tc = tic ();
    [model, losses, info] = hlnn_train_mex (model, X, Y, cfg);
    dt = toc (tc);
    if (strcmp (info.status, 'diverged_at_start') && ~isempty (prev_start))
      % The previous chunk's last update produced this non-finite model:
      % replay that chunk but its last step (training is deterministic).
      cfg.steps = prev_steps - 1;
      done = done - prev_steps;
      [model, losses, info] = hlnn_train_mex (prev_start, X, Y, cfg);
      info.status = 'diverged';
      if (~isempty (best) && best.opt.step > model.opt.step)
        best = [];      % the discarded step's model (possible with a validation set of its own)
        best_loss = Inf;
      end
    end
    % history.loss(i) is the loss of the minibatch of update history.step(i).
    % After a divergence the gateway adds the loss of the returned model,
    % whose update was not kept: recording it would give a resumed run two
    % entries for one step, so only the kept updates are recorded.
    losses = losses(1:info.done);
    first_step = model.opt.step - info.done;
    model.history.step = [model.history.step; first_step + (1:info.done)'];
    model.history.loss = [model.history.loss; losses(:)];
    done = done + info.done;

    if (~strcmp (info.status, 'ok'))
      model.history.diverged_at = model.opt.step;
      drawn = end_line (drawn);
      warning ('hlnn:train:diverged', ...
               '%s: non-finite loss at step %d; returning the last model with a finite loss (step %d)', ...
               fname, model.opt.step + 1, model.opt.step);
      break;
    end

    elapsed = toc (t0);
    vloss = NaN;
    validated = have_val && (every == 0 || mod (model.opt.step, every) == 0 ...
                             || done >= total);
    if (validated)
      [model, vloss] = validate (model, Xv, Yv);
    end
    model.history.time(end+1, 1) = time_offset + elapsed;
    model.history.time_step(end+1, 1) = model.opt.step;
    if (validated && opts.KeepBest && vloss < best_loss)
      best = model;
      best_loss = vloss;
    end

    if (opts.Verbose && (inplace || elapsed - last_print >= 1 || done >= total))
      rate = done / max (elapsed, eps);
      line = progress_line (fname, model.opt.step, done, total, losses, ...
                            vloss, rate, (total - done) / max (rate, eps));
      if (inplace)
        fprintf ('\r%s%s', line, [char(27) '[K']);
        flush_stdout ();
        drawn = true;
      else
        fprintf ('%s\n', line);
      end
      last_print = elapsed;
    end
    if (~isempty (opts.Checkpoint) && elapsed - last_ckpt >= opts.CheckpointEvery)
      checkpoint (opts.Checkpoint, model);
      last_ckpt = elapsed;
    end

    prev_start = start;
    prev_steps = info.done;
    % aim each chunk at opts.ChunkSeconds, growing at most 4x at a time
    per_step = dt / max (info.done, 1);
    chunk = max (1, min (4 * chunk, floor (opts.ChunkSeconds / max (per_step, 1e-9))));
  end

  kept = '';
  if (opts.KeepBest)
    % a run cut short (divergence, time budget) may end between validation points
    if (isempty (model.history.val_step) || model.history.val_step(end) ~= model.opt.step)
      [model, vloss] = validate (model, Xv, Yv);
      if (vloss < best_loss)
        best = model;
      end
    end
    if (~isempty (best) && best.opt.step ~= model.opt.step)
      kept = sprintf ('; kept the model of step %d (validation loss %.4e)', ...
                      best.opt.step, best.history.val_loss(end));
      best.history.diverged_at = model.history.diverged_at;
      model = best;
    end
  end
  if (~isempty (opts.Checkpoint))
    checkpoint (opts.Checkpoint, model);
  end
  if (opts.Verbose)
    elapsed = toc (t0);
    vstr = '';
    if (have_val && ~isempty (model.history.val_loss) && isempty (kept))
      vstr = sprintf (', validation loss %.4e', model.history.val_loss(end));
    end
    line = sprintf ('%s: done, %d steps in %.2f s (%.0f steps/s), final loss %.4e%s%s', ...
                    fname, done, elapsed, done / max (elapsed, eps), ...
                    last_or_nan (model.history.loss), vstr, kept);
    if (drawn)
      fprintf ('\r%s%s\n', line, [char(27) '[K']);   % the summary replaces the progress line
    else
      fprintf ('%s\n', line);
    end
  end
end

function tty = progress_in_place ()
  % see the docstring: HLNN_PROGRESS, else Octave's /proc/self/fd/1
  mode = lower (getenv ('HLNN_PROGRESS'));
  if (strcmp (mode, 'inplace') || strcmp (mode, 'lines'))
    tty = strcmp (mode, 'inplace');
    return;
  end
  tty = false;
  if (~exist ('OCTAVE_VERSION', 'builtin'))
    try
      tty = ~usejava ('desktop') && usejava ('jvm') && ~isempty (java.lang.System.console ());
    catch
      tty = false;
    end
  elseif (exist ('readlink') == 5)
    [target, err] = readlink ('/proc/self/fd/1');
    tty = (err == 0) && ~isempty (regexp (target, '^/dev/(pts/|tty)', 'once'));
  end
end

function drawn = end_line (drawn)
  % finish an in-place progress line before other output
  if (drawn)
    fprintf ('\n');
  end
  drawn = false;
end

function flush_stdout ()
  % Octave buffers stdout and a redrawn line has no newline; MATLAB's
  % command window has no fflush and needs none
  if (exist ('OCTAVE_VERSION', 'builtin'))
    fflush (stdout);
  end
end

function [model, vloss] = validate (model, Xv, Yv)
  vloss = hlnn_loss_mex (model, Xv, Yv);
  model.history.val_step(end+1, 1) = model.opt.step;
  model.history.val_loss(end+1, 1) = vloss;
end

% A failed checkpoint must not throw away the training done so far.
function checkpoint (file, model)
  try
    hlnn_checkpoint_save (file, model);
  catch err
    warning (err.identifier, '%s', err.message);
  end
end

function v = last_or_nan (x)
  if (isempty (x))
    v = NaN;
  else
    v = x(end);
  end
end

function line = progress_line (fname, step, done, total, losses, vloss, rate, eta)
  if (isnan (vloss))
    vstr = '';
  else
    vstr = sprintf ('  val %.4e', vloss);
  end
  line = sprintf ('%s: step %d (%d/%d)  loss %.4e%s  %.0f steps/s  ETA %.1f s', ...
                  fname, step, done, total, last_or_nan (losses), vstr, rate, eta);
end

% The optimizer state and history a training run continues from.
function check_state (model, fname)
  id = 'hlnn:model:state';
  parts = {'opt', {'step', 'seed'}; 'history', {'step', 'loss', 'val_step', ...
           'val_loss', 'time', 'time_step', 'diverged_at'}};
  for i = 1:size (parts, 1)
    p = parts{i, 1};
    if (~isfield (model, p) || ~isstruct (model.(p)) || ~isscalar (model.(p)))
      error (id, '%s: MODEL.%s must be a scalar struct (as made by the *_create functions)', ...
             fname, p);
    end
    f = parts{i, 2};
    for k = 1:numel (f)
      if (~isfield (model.(p), f{k}))
        error (id, '%s: MODEL.%s.%s is missing', fname, p, f{k});
      end
    end
  end
  s = model.opt.seed;
  if (~isnumeric (s) || ~isreal (s) || ~isscalar (s) || ~(s >= 0) || s ~= fix (s) || s >= 2^32)
    error (id, '%s: MODEL.opt.seed must be an integer in [0, 2^32)', fname);
  end
end

% Validate the training options; numeric ones are returned as double.
function opts = check_opts (opts, fname)
  id = 'hlnn:train:option';
  must_pos_int = {'Steps', 'Batch', 'ValidateEvery'};
  for k = 1:numel (must_pos_int)
    v = opts.(must_pos_int{k});
    if (~isnumeric (v) || ~isscalar (v) || ~isreal (v) || isnan (v) ...
        || v < (k == 2) || (isfinite (v) && v ~= fix (v)))
      error (id, '%s: %s must be a non-negative integer (Batch >= 1, Inf for full batch)', ...
             fname, must_pos_int{k});
    end
  end
  if (~isfinite (opts.Steps))
    error (id, '%s: Steps must be finite', fname);
  end
  if (~isfinite (opts.ValidateEvery))
    error (id, '%s: ValidateEvery must be finite (0: after every chunk)', fname);
  end
  reals = {'LearningRate', 'WeightDecay', 'Beta1', 'Beta2', 'Epsilon', ...
           'Momentum', 'ClipNorm', 'TimeBudget', 'CheckpointEvery', 'ChunkSeconds'};
  for k = 1:numel (reals)
    v = opts.(reals{k});
    if (~isnumeric (v) || ~isscalar (v) || ~isreal (v) || isnan (v) || v < 0)
      error (id, '%s: %s must be a non-negative real scalar', fname, reals{k});
    end
  end
  if (~(opts.LearningRate > 0) || ~isfinite (opts.LearningRate))
    error (id, '%s: LearningRate must be positive and finite', fname);
  end
  if (~(opts.Epsilon > 0) || ~isfinite (opts.Epsilon))
    error (id, '%s: Epsilon must be positive and finite', fname);
  end
  below1 = {'Beta1', 'Beta2', 'Momentum'};
  for k = 1:numel (below1)
    if (~(opts.(below1{k}) < 1))
      error (id, '%s: %s must be in [0, 1)', fname, below1{k});
    end
  end
  finite = {'WeightDecay', 'ClipNorm', 'ChunkSeconds'};
  for k = 1:numel (finite)
    if (~isfinite (opts.(finite{k})))
      error (id, '%s: %s must be finite', fname, finite{k});
    end
  end
  if (~ischar (opts.Optimizer) || ~any (strcmpi (opts.Optimizer, {'adam', 'adamw', 'sgd'})))
    error (id, '%s: Optimizer must be ''adam'', ''adamw'' or ''sgd''', fname);
  end
  if (~isempty (opts.Seed) && (~isnumeric (opts.Seed) || ~isscalar (opts.Seed) || ~isreal (opts.Seed) ...
      || opts.Seed < 0 || opts.Seed ~= fix (opts.Seed) || opts.Seed >= 2^32))
    error (id, '%s: Seed must be an integer in [0, 2^32)', fname);
  end
  if (~isempty (opts.Validation) && (~iscell (opts.Validation) || numel (opts.Validation) ~= 2))
    error (id, '%s: Validation must be a cell {Xval, Yval}', fname);
  end
  flags = {'Verbose', 'KeepBest'};
  for k = 1:numel (flags)
    v = opts.(flags{k});
    if (~(islogical (v) || isnumeric (v)) || ~isscalar (v) || ~isreal (v) || isnan (v))
      error (id, '%s: %s must be true or false', fname, flags{k});
    end
    opts.(flags{k}) = logical (v);
  end
  if (opts.ValidateEvery > 0 && isempty (opts.Validation))
    error (id, '%s: ValidateEvery needs a Validation set', fname);
  end
  if (opts.KeepBest && (isempty (opts.Validation) || opts.ValidateEvery == 0))
    % validation points set by the chunks' timing would make the kept
    % model depend on the machine's speed
    error (id, '%s: KeepBest needs a Validation set and ValidateEvery > 0', fname);
  end
  if (~ischar (opts.Checkpoint) || (~isempty (opts.Checkpoint) && size (opts.Checkpoint, 1) ~= 1))
    error (id, '%s: Checkpoint must be a file name', fname);
  end
  % fail now, not at the first checkpoint after an hour of training
  folder = fileparts (opts.Checkpoint);
  if (~isempty (folder) && ~isfolder (folder))
    error (id, '%s: Checkpoint: folder %s does not exist', fname, folder);
  end
  numeric = [must_pos_int, reals, {'Seed'}];
  for k = 1:numel (numeric)
    opts.(numeric{k}) = double (opts.(numeric{k}));
  end
end
