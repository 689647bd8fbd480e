% -*- texinfo -*-
% @deftypefn {hlnn} {@var{F} =} hlnn_hnn_field_mex (@dots{})
% Learned Hamiltonian field for the rows of X (behind hnn_field).
%
% Internal MEX gateway (source: src/mex/hlnn_hnn_field_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_hnn_field_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_hnn_field_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
