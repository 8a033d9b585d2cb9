// .NET: project and solution files, MSBuild's directory-wide props and NuGet configuration.
import type { Ecosystem } from './ecosystem';

const PROJECT = /\.(csproj|fsproj|vbproj|sln|slnx)$/;
const SHARED = new Set([
  'Directory.Build.props',
  'Directory.Build.targets',
  'Directory.Packages.props',
  'NuGet.config',
  'nuget.config',
  'global.json',
]);

export const dotnet: Ecosystem = {
  name: '.NET',
  marker: (n) => PROJECT.test(n),
  manifests: [
    [(n) => PROJECT.test(n), 'dotnet restore/build reads the project', true],
    [(n) => SHARED.has(n), 'MSBuild and NuGet read it'],
  ],
  tools: /^dotnet\b/,
  regenerated: [
    ['bin', '.NET build output: the build recreates bin/'],
    ['obj', '.NET intermediate output: restore recreates obj/'],
  ],
};
