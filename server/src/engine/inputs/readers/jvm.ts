// JVM: Maven and Gradle build files and wrappers, and src/main, which they compile and package.
import type { Ecosystem } from './ecosystem';

const FILES = new Set([
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'settings.gradle',
  'settings.gradle.kts',
  'gradle.properties',
  'gradlew',
  'mvnw',
  'build.sbt',
]);

export const jvm: Ecosystem = {
  name: 'JVM',
  marker: (n) => n === 'pom.xml' || n.startsWith('build.gradle') || n === 'build.sbt',
  manifests: [
    [
      (n) => n === 'pom.xml' || n.startsWith('build.gradle') || n.startsWith('settings.gradle'),
      'the Maven/Gradle build reads it',
      true,
    ],
    [(n) => FILES.has(n), 'the Maven/Gradle build reads it'],
  ],
  tools: /^(mvn|\.\/mvnw|mvnw|gradle|\.\/gradlew|gradlew|sbt)\b/,
  compiled: [
    ['src', 'Maven/Gradle compile and package src/'],
    ['gradle', 'the Gradle wrapper reads gradle/'],
    ['.mvn', 'the Maven wrapper reads .mvn/'],
  ],
  regenerated: [
    ['target', 'Maven build output: the build recreates target/'],
    ['build', 'Gradle build output: the build recreates build/'],
    ['.gradle', 'Gradle cache: the build recreates it'],
  ],
};
