% -*- texinfo -*-
% @deftypefn {hlnn} {@var{R} =} hlnn_run_fits (@var{models}, @var{topts}, @var{data}, @var{opts}, @var{fname})
% Run @code{hlnn_fit (models@{i@}, data, ..., 'TrainOptions', topts@{i@})}
% for every i and gather the results into one struct array (internal).
%
% The fits are independent, so they go to octave-parallel as they are:
% @code{netcellfun} over @code{opts.Cluster} if given, else
% @code{parcellfun} with @code{opts.Workers} local processes, else a
% plain @code{cellfun} in this process.  Each fit runs with
% @code{opts.Threads} BLAS threads, so all three give the same bits.
% A failed fit raises its error here, naming the task.
% @end deftypefn
function R = hlnn_run_fits (models, topts, data, opts, fname)
  [workers, cluster] = exec_mode (opts, numel (models), fname);
  fitargs = {'Train', opts.Train, 'Predict', opts.Predict, ...
             'Energy', opts.Energy, 'Threads', opts.Threads};
  fun = @(model, t) hlnn_fit (model, data, fitargs{:}, 'TrainOptions', t);
  % a failed task returns its error instead of ending the whole run
  handler = @(err, varargin) struct ('hlnn_task_error', err);
  verbose = double (logical (opts.Verbose));
  if (cluster)
    setup_servers (opts.Cluster, opts.ServerSetup, fname);
    c = netcellfun (opts.Cluster, fun, models, topts, 'UniformOutput', false, ...
                    'ErrorHandler', handler, 'VerboseLevel', verbose);
  elseif (workers > 1)
    c = parcellfun (workers, fun, models, topts, 'UniformOutput', false, ...
                    'ErrorHandler', handler, 'VerboseLevel', verbose);
  else
    c = cellfun (fun, models, topts, 'UniformOutput', false, 'ErrorHandler', handler);
  end
  for k = 1:numel (c)
    if (isfield (c{k}, 'hlnn_task_error'))
      err = c{k}.hlnn_task_error;
      id = err.identifier;
      if (isempty (id))
        id = 'hlnn:parallel:task';
      end
      hint = '';
      if (cluster && strcmp (id, 'Octave:undefined-function'))
        hint = ' (is hlnn on the servers'' path? see the ServerSetup option)';
      end
      error (id, '%s: task %d of %d failed: %s%s', fname, k, numel (c), err.message, hint);
    end
  end
  R = reshape ([c{:}], size (models));
end

function [workers, cluster] = exec_mode (opts, ntasks, fname)
  id = 'hlnn:parallel:option';
  cluster = ~isempty (opts.Cluster);
  w = opts.Workers;
  is_octave = exist ('OCTAVE_VERSION', 'builtin') ~= 0;
  if (ischar (w) && strcmp (w, 'auto'))
    w = 1;
    if (~cluster && ntasks > 1 && is_octave && have_parallel ())
      w = nproc ();   % octave-only: guarded by is_octave
    end
  elseif (~isnumeric (w) || ~isscalar (w) || w < 1 || w ~= fix (w))
    error (id, '%s: Workers must be a positive integer or ''auto''', fname);
  end
  workers = min (w, ntasks);
  % the options first: a wrong one is named whether or not the package is there
  if (cluster && ~isa (opts.Cluster, 'pconnections'))
    error (id, '%s: Cluster must be the connections returned by pconnect', fname);
  end
  if (~ischar (opts.ServerSetup))
    error (id, '%s: ServerSetup must be a string of Octave commands or ''auto''', fname);
  end
  if ((cluster || workers > 1) && ~(is_octave && have_parallel ()))
    error ('hlnn:parallel:missing', ...
           '%s: parallel runs need Octave''s parallel package (Debian: apt install octave-parallel; else pkg install -forge parallel); use Workers = 1 for serial runs', ...
           fname);
  end
end

function ok = have_parallel ()
  ok = exist ('parcellfun', 'file') ~= 0;
  if (~ok)
    try
      pkg ('load', 'parallel');   % octave-only: called only under Octave
      ok = exist ('parcellfun', 'file') ~= 0;
    catch
      ok = false;
    end
  end
end

function setup_servers (conns, setup, fname)
  % make hlnn callable in each server's Octave before the fits arrive
  if (strcmp (setup, 'auto'))
    dirs = {fileparts(which ('hlnn_fit')), fileparts(which ('hlnn_train_mex'))};
    setup = '';
    for k = 1:numel (dirs)
      [~, leaf] = fileparts (dirs{k});
      if (~isempty (dirs{k}) && ~strcmp (leaf, 'private'))
        setup = [setup sprintf('if (exist (''%s'', ''dir'')) addpath (''%s''); end; ', ...
                               dirs{k}, dirs{k})]; %#ok<AGROW>
      end
    end
    setup = [setup 'if (~exist (''hlnn_fit'', ''file'')) try pkg load hlnn; catch; end; end'];
  end
  if (isempty (setup))
    return;
  end
  info = network_get_info (conns);
  servers = conns(~[info.local_machine]);
  if (isempty (servers))
    error ('hlnn:parallel:option', '%s: Cluster holds no server connection', fname);
  end
  reval (setup, servers);
end
