% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{R} =} hlnn_ensemble (@var{make_model}, @var{data}, @var{seeds})
% @deftypefnx {hlnn} {[@var{R}, @var{S}] =} hlnn_ensemble (@var{make_model}, @var{data}, @var{seeds}, @var{name}, @var{value}, @dots{})
% Train an ensemble: one independent model per seed, in parallel, and
% the ensemble's mean and spread of predictions and energies.
%
% @code{@var{make_model} (@var{seed})} returns the untrained model of one
% member (any kind: @code{mlp_create}, @code{hnn_create},
% @code{lnn_create}); it runs here, once per seed.  The seed should set
% the model's @qcode{'Seed'}, which fixes both its initial weights and
% its minibatch order.  @var{data} is as for @code{hlnn_fit}: the
% trainer's data arguments @code{@{X, Y@}}, or a struct with those as
% @code{train} and the arguments of the prediction and energy functions
% as @code{eval}.  Each member is one @code{hlnn_fit} call.
%
% @var{R} is a struct array, one element per seed, with field
% @code{seed} followed by the fields of the result of @code{hlnn_fit}
% (@code{model}, @code{loss}, @code{val_loss}, @code{steps},
% @code{seconds}, @code{diverged}, @code{pred}, @code{energy}).
% @var{S} summarises the members: @code{n}, @code{loss} (final losses),
% @code{diverged} (how many diverged), @code{pred_mean}, @code{pred_std},
% @code{energy_mean}, @code{energy_std} (elementwise over members, the
% standard deviation normalised by n-1; empty without @code{data.eval}).
%
% The members run through the octave-parallel package, with no scheduler
% of hlnn's own: @code{parcellfun} on this machine, or @code{netcellfun}
% across machines given @qcode{'Cluster'}.  Every fit runs with
% @qcode{'Threads'} BLAS threads (default 1), so a parallel run gives the
% same bits as a serial one with the same thread count.
%
% Options (name/value pairs or a struct, case-insensitive):
% @table @asis
% @item @qcode{'Workers'}
% local processes: @qcode{'auto'} (default) uses one per CPU core when
% octave-parallel is installed, else runs serially here; 1 runs serially.
% @item @qcode{'Cluster'}
% connections from @code{pconnect}: run on those servers instead (see
% below).
% @item @qcode{'ServerSetup'}
% Octave commands each server runs first so that hlnn is found there.
% Default @qcode{'auto'}: add this machine's hlnn folders to the path if
% the same folders exist on the server (shared or identical file
% systems), else @code{pkg load hlnn}.  An empty string does nothing.
% @item @qcode{'Verbose'}
% octave-parallel's progress messages (default false).
% @item @qcode{'TrainOptions'}
% options of the trainer (cell array of name/value pairs or a struct);
% @qcode{'Verbose'}, false is put first, as progress lines of parallel
% runs would interleave.
% @item @qcode{'Train'}, @qcode{'Predict'}, @qcode{'Energy'}, @qcode{'Threads'}
% as for @code{hlnn_fit} (here @qcode{'Threads'} defaults to 1).
% @end table
%
% @subheading Running on several machines
% Every machine needs Octave, the parallel package and hlnn (same
% versions).  On each server machine, as an ordinary user (the server
% refuses to run as root), start the server of the parallel package.
% Where octave-parallel is built with TLS, the default is authenticated
% and encrypted (keys from @code{parallel_generate_srp_data}, see
% @code{parallel_doc}):
% @example
% octave-cli --eval 'pkg load parallel; pserver ()'
% @end example
% Debian's octave-parallel 4.0.1 is built without TLS, and its
% @code{pserver} rejects an options struct, so there start the server
% binary itself:
% @example
% /usr/libexec/octave-pserver --octave-binary=$(command -v octave-cli) --no-auth
% @end example
% Without authentication anyone who can reach TCP ports 12501 and 12502
% of that machine can run commands as that user: use it only on a
% trusted, firewalled network (the client then connects with
% @code{struct ('use_tls', false)}).  The server detaches and writes its
% process id to @file{/tmp/.octave-@var{hostname}.pid}; stop it with
% @code{kill $(cat /tmp/.octave-$(hostname).pid)}.  hlnn's own test of
% this path (@file{tests/octave/test_parallel.m}) starts such a server on
% the local machine.  Then, on the client:
% @example
% pkg load parallel
% c = pconnect (@{'node1', 'node2'@}, struct ('use_tls', false));
% [R, S] = hlnn_ensemble (@@(s) mlp_create ([2 64 64 2], 'Seed', s), ...
%                         data, 1:32, 'Cluster', c);
% sclose (c);
% @end example
% Each server runs its share of the members in as many processes as it
% has cores (@code{network_set (c, 'nlocaljobs', k)} changes that).
% Host names must resolve to the same machines everywhere.
%
% Example:
% @example
% x = linspace (-pi, pi, 100)';
% data = struct ('train', @{@{x, sin(x)@}@}, 'eval', @{@{x@}@});
% [R, S] = hlnn_ensemble (@@(s) mlp_create ([1 16 1], 'Seed', s), data, 1:4, ...
%                         'TrainOptions', @{'Steps', 500@});
% plot (x, S.pred_mean, x, S.pred_mean + 2 * S.pred_std, '--');
% @end example
% @seealso{hlnn_fit, hlnn_sweep, parcellfun, netcellfun, pconnect}
% @end deftypefn
function [R, S] = hlnn_ensemble (make_model, data, seeds, varargin)
  hlnn_check_nargin (nargin, 3, Inf, 'hlnn_ensemble');
  opts = hlnn_options (hlnn_exec_defaults (), 'ensemble', 'hlnn_ensemble', varargin);
  if (~isa (make_model, 'function_handle'))
    error ('hlnn:ensemble:model', 'hlnn_ensemble: MAKE_MODEL must be a function handle');
  end
  hlnn_fit_data (data, 'hlnn_ensemble');
  if (~isnumeric (seeds) || ~isreal (seeds) || ~isvector (seeds) || any (seeds < 0) ...
      || any (seeds ~= fix (seeds)) || any (seeds >= 2^32))
    error ('hlnn:ensemble:seeds', 'hlnn_ensemble: SEEDS must be a vector of integers in [0, 2^32)');
  end
  n = numel (seeds);
  models = cell (1, n);
  for k = 1:n
    models{k} = make_model (seeds(k));
    if (~isstruct (models{k}) || ~isfield (models{k}, 'kind'))
      error ('hlnn:ensemble:model', 'hlnn_ensemble: MAKE_MODEL (%d) did not return a model', seeds(k));
    end
  end
  topts = repmat ({hlnn_train_pairs(opts.TrainOptions, 'hlnn_ensemble')}, 1, n);
  R = hlnn_run_fits (models, topts, data, opts, 'hlnn_ensemble');
  s = num2cell (seeds(:)');
  [R.seed] = s{:};
  R = orderfields (R, [numel(fieldnames (R)), 1:numel(fieldnames (R))-1]);
  if (nargout > 1)
    S = struct ('n', n, 'loss', [R.loss], 'diverged', sum ([R.diverged]));
    [S.pred_mean, S.pred_std] = spread ({R.pred});
    [S.energy_mean, S.energy_std] = spread ({R.energy});
  end
end

function [m, s] = spread (c)
  % elementwise mean and standard deviation over the members
  m = [];
  s = [];
  if (all (cellfun ('isempty', c)))
    return;
  end
  sz = size (c{1});
  if (~all (cellfun (@(x) isequal (size (x), sz), c)))
    error ('hlnn:ensemble:shape', 'hlnn_ensemble: members returned predictions or energies of different sizes');
  end
  d = numel (sz) + 1;
  A = cat (d, c{:});
  m = mean (A, d);
  s = std (A, 0, d);
end

%!shared x, data, make
%! x = linspace (-pi, pi, 48)';
%! data = struct ('train', {{x, sin(x)}}, 'eval', {{x(1:5:end)}});
%! make = @(s) mlp_create ([1 8 1], 'Seed', s);

%!test
%! % serial: each member is exactly hlnn_fit of its seed; spread by hand
%! [R, S] = hlnn_ensemble (make, data, [4 7 9], 'Workers', 1, 'TrainOptions', {'Steps', 30});
%! assert (size (R), [1 3]);
%! assert ([R.seed], [4 7 9]);
%! assert (fieldnames (R)(1:3), {'seed'; 'model'; 'loss'});
%! r = hlnn_fit (make (7), data, 'TrainOptions', {'Steps', 30, 'Verbose', false}, 'Threads', 1);
%! assert (isequal (R(2).model.W, r.model.W) && isequal (R(2).pred, r.pred));
%! P = [R.pred];
%! assert (S.pred_mean, mean (P, 2), 1e-15);
%! assert (S.pred_std, std (P, 0, 2), 1e-15);
%! assert (S.n, 3);
%! assert (S.loss, [R.loss]);
%! assert (isempty (S.energy_mean) && S.diverged == 0);

%!test
%! % members differ, and the energy of a custom function is gathered
%! [R, S] = hlnn_ensemble (make, data, 1:2, 'Workers', 1, 'TrainOptions', struct ('Steps', 5), ...
%!                         'Energy', @(m, X) sum (mlp_predict (m, X)));
%! assert (~isequal (R(1).model.W, R(2).model.W));
%! assert (S.energy_mean, mean ([R.energy]), 1e-15);

%!error <SEEDS must be a vector of integers> hlnn_ensemble (@(s) mlp_create ([1 2 1]), {1, 1}, -1)
%!error <MAKE_MODEL must be a function handle> hlnn_ensemble (3, {1, 1}, 1)
%!error <did not return a model> hlnn_ensemble (@(s) s, {1, 1}, 1)
%!error <DATA must be> hlnn_ensemble (@(s) mlp_create ([1 2 1]), 3, 1)
%!error <Workers must be a positive integer> hlnn_ensemble (@(s) mlp_create ([1 2 1]), {1, 1}, 1, 'Workers', 0)
%!error <task 1 of 2 failed: .*LearningRate> hlnn_ensemble (@(s) mlp_create ([1 2 1]), {1, 1}, 1:2, 'Workers', 1, 'TrainOptions', {'LearningRate', -1})
%!error <Invalid call> hlnn_ensemble (@(s) mlp_create ([1 2 1]), {1, 1})

%!demo
%! x = linspace (-pi, pi, 60)';
%! xe = linspace (-1.5 * pi, 1.5 * pi, 200)';          % beyond the data
%! data = struct ('train', {{x, sin(x)}}, 'eval', {{xe}});
%! [R, S] = hlnn_ensemble (@(s) mlp_create ([1 16 16 1], 'Seed', s), data, 1:4, ...
%!                         'TrainOptions', {'Steps', 1500, 'LearningRate', 1e-2});
%! plot (xe, sin (xe), 'k', xe, S.pred_mean, 'b', ...
%!       xe, S.pred_mean + 2 * S.pred_std, 'b--', xe, S.pred_mean - 2 * S.pred_std, 'b--');
%! legend ('sin x', 'ensemble mean', 'mean +- 2 sd');
%! title (sprintf ('%d members, final losses %s', S.n, mat2str (S.loss, 2)));
