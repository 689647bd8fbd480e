% -*- texinfo -*-
% @deftypefn {hlnn} {} test_train_workspace ()
% The training gateway keeps its workspace from one chunk of steps to the
% next and frees it when the training call returns.  A run of many chunks
% (the workspace reused) must equal, bit for bit, the same steps taken one
% training call at a time (a fresh workspace each), for every model kind
% and the settings that live in the workspace: HNN loss weights and
% learned dissipation, minibatches, the LNN's regularisation.
% @end deftypefn
function test_train_workspace ()
end

%!function m = one_call_per_step (train, m, steps)
%!  for k = 1:steps
%!    m = train (m, 'Steps', 1);
%!  end
%!endfunction

%!function check_same (train, m0, steps)
%!  a = train (m0, 'Steps', steps, 'ChunkSeconds', 0);
%!  b = one_call_per_step (train, m0, steps);
%!  for l = 1:numel (a.W)
%!    assert (isequal (a.W{l}, b.W{l}) && isequal (a.b{l}, b.b{l}));
%!  end
%!  assert (isequal (a.history.loss, b.history.loss));
%!  assert (isequal (a.opt.m, b.opt.m) && isequal (a.opt.v, b.opt.v));
%!endfunction

%!test
%! randn ('seed', 1);
%! X = randn (64, 2);  Y = [X(:,2), -X(:,1)];
%! m = mlp_create ([2 16 16 2], 'Seed', 1);
%! check_same (@(m, varargin) mlp_train (m, X, Y, 'Batch', 16, ...
%!             'Verbose', false, varargin{:}), m, 12);

%!test
%! randn ('seed', 2);
%! X = randn (64, 2);  Y = [X(:,2), -X(:,1)] - 0.1 * X;
%! m = hnn_create (1, [16 16], 'Seed', 2, 'Dissipation', 'learned', ...
%!                 'LossWeights', [1 3]);
%! check_same (@(m, varargin) hnn_train (m, X, Y, 'Batch', 16, ...
%!             'Verbose', false, varargin{:}), m, 12);

%!test
%! randn ('seed', 3);
%! X = randn (64, 4);
%! m = lnn_create (2, [16 16], 'Seed', 3, 'Regularization', 1e-6);
%! check_same (@(m, varargin) lnn_train (m, X(:,1:2), X(:,3:4), -X(:,1:2), ...
%!             'Batch', 16, 'Verbose', false, varargin{:}), m, 12);
