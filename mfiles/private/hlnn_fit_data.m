% -*- texinfo -*-
% @deftypefn {hlnn} {[@var{train}, @var{eval}] =} hlnn_fit_data (@var{data}, @var{fname})
% The training and evaluation argument lists of hlnn_fit's @var{data}: a
% cell array (training arguments only) or a struct with fields
% @code{train} and optionally @code{eval}, both cell arrays (internal).
% @end deftypefn
function [train, ev] = hlnn_fit_data (data, fname)
  ev = {};
  if (iscell (data))
    train = data;
  elseif (isstruct (data) && isscalar (data) && isfield (data, 'train'))
    train = data.train;
    if (isfield (data, 'eval'))
      ev = data.eval;
    end
    extra = setdiff (fieldnames (data), {'train', 'eval'});
    if (~isempty (extra))
      error ('hlnn:fit:data', '%s: unknown DATA field ''%s'' (valid: train, eval)', ...
             fname, extra{1});
    end
  else
    train = [];
  end
  if (~iscell (train) || isempty (train) || ~iscell (ev))
    error ('hlnn:fit:data', ...
           '%s: DATA must be a cell array of training arguments or a struct with cell fields train and eval', ...
           fname);
  end
  train = train(:)';
  ev = ev(:)';
end
