enum ComponentsModule {}
