% -*- texinfo -*-
% @deftypefn {hlnn} {} hlnn_check_nargin (@var{n}, @var{lo}, @var{hi}, @var{fname})
% Raise @code{hlnn:arg:nargin} with @var{fname}'s usage text unless
% @var{lo} <= @var{n} <= @var{hi} (internal).
%
% This is @code{print_usage} with an @code{hlnn:} identifier, so that every
% argument error of the toolbox can be caught by its prefix.  Too many
% arguments to a function without @code{varargin} never get here: the
% interpreter rejects the call (@code{Octave:invalid-fun-call}, in MATLAB
% @code{MATLAB:TooManyInputs}) before any toolbox code runs.
% @end deftypefn
function hlnn_check_nargin (n, lo, hi, fname)
  if (n >= lo && n <= hi)
    return;
  end
  try
    print_usage (fname);
  catch err
    msg = err.message;
  end
  cut = strfind (msg, 'Additional help for built-in');
  if (~isempty (cut))
    msg = strtrim (msg(1:cut(1)-1));
  end
  error ('hlnn:arg:nargin', '%s: called with %d input arguments.  %s', ...
         fname, n, msg);
end
