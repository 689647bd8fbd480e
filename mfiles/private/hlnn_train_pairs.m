% -*- texinfo -*-
% @deftypefn {hlnn} {@var{c} =} hlnn_train_pairs (@var{t}, @var{fname})
% Trainer options of ensemble members and sweep points as one cell array
% of name/value pairs, @code{'Verbose', false} first (progress lines of
% parallel fits would interleave; the caller's own Verbose wins)
% (internal).  @var{t} is a cell array of pairs or a struct.
% @end deftypefn
function c = hlnn_train_pairs (t, fname)
  if (isstruct (t) && isscalar (t))
    names = fieldnames (t);
    vals = struct2cell (t);
    t = [names(:)'; vals(:)'];
  end
  if (~iscell (t) || mod (numel (t), 2) ~= 0)
    error ('hlnn:parallel:option', ...
           '%s: TrainOptions must be a cell array of name/value pairs or a struct', fname);
  end
  c = [{'Verbose', false}, t(:)'];
end
