% -*- texinfo -*-
% @deftypefn {hlnn} {@var{H} =} hlnn_hnn_energy_mex (@dots{})
% Learned energy H for the rows of X (behind hnn_energy).
%
% Internal MEX gateway (source: src/mex/hlnn_hnn_energy_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_hnn_energy_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_hnn_energy_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
