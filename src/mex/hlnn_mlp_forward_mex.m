% -*- texinfo -*-
% @deftypefn {hlnn} {@var{Y} =} hlnn_mlp_forward_mex (@dots{})
% Network output for the rows of X (behind mlp_predict).
%
% Internal MEX gateway (source: src/mex/hlnn_mlp_forward_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_mlp_forward_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_mlp_forward_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
