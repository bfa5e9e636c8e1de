import Components
enum RenderingModule {}
