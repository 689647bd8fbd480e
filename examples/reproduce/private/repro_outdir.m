% -*- texinfo -*-
% @deftypefn {hlnn} {@var{d} =} repro_outdir ()
% Where results (.mat) go: @code{HLNN_REPRO_OUT}, default
% @file{doc/reproduce} of the source tree; created if missing.
% @end deftypefn
function d = repro_outdir ()
  d = getenv ('HLNN_REPRO_OUT');
  if (isempty (d))
    here = fileparts (fileparts (mfilename ('fullpath')));
    d = fullfile (here, '..', '..', 'doc', 'reproduce');
  end
  if (~exist (d, 'dir'))
    mkdir (d);
  end
end
